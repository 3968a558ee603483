package io.zerogc.bench;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.zerogc.events.Delivery;
import io.zerogc.events.dispatch.AsyncSettings;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The design study's scenario at this machine's scale: one thread publishes at a fixed rate into an
 * asynchronous handoff whose consumer runs N listeners; the last listener records publish-to-delivery
 * latency from the intended publish time (coordinated omission corrected); GC collections are counted.
 * Run it with a small heap, as the README says:
 * {@code java -Xmx256m -cp bench/target/benchmarks.jar io.zerogc.bench.LatencyHarness}.
 *
 * <p>Options ({@code --name=value}): {@code peers} (zerogc,disruptor,spring), {@code rate} (events/s,
 * 1000000), {@code seconds} (30), {@code warmup-seconds} (5), {@code listeners} (500).
 */
public final class LatencyHarness {

    private static final int CAPACITY = 4096;
    /** Events are reused round-robin; the handoff holds at most CAPACITY, so none is reused in flight. */
    private static final int EVENTS = 1 << 16;

    private LatencyHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args options as {@code --name=value}
     * @throws Exception if a peer fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("peers", "zerogc,disruptor,spring", "rate",
                "1000000", "seconds", "30", "warmup-seconds", "5", "listeners", "500"));
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; known: " + options.keySet());
            }
            options.put(pair[0], pair[1]);
        }
        int rate = Integer.parseInt(options.get("rate"));
        int listeners = Integer.parseInt(options.get("listeners"));
        System.out.printf("Latency harness: %,d events/s, %s s (+%s s warm-up), %d listeners, heap %d MB, %d cores, %s%n",
                rate, options.get("seconds"), options.get("warmup-seconds"), listeners,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("| peer | delivered | achieved events/s | p50 us | p99 us | p99.9 us | max us | GC count | GC ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String peer : options.get("peers").split(",")) {
            run(peer.trim(), rate, Integer.parseInt(options.get("seconds")),
                    Integer.parseInt(options.get("warmup-seconds")), listeners);
        }
    }

    private static void run(String peer, int rate, int seconds, int warmupSeconds, int listeners) throws Exception {
        ListenerSet set = new ListenerSet(listeners);
        LatencyProbe probe = new LatencyProbe();
        List<AutoCloseable> closers = new ArrayList<>();
        Consumer<BenchEvent> publisher = switch (peer) {
            case "zerogc" -> zeroGc(set, probe, closers);
            case "disruptor" -> disruptor(set, probe, closers);
            case "spring" -> spring(set, probe, closers);
            default -> throw new IllegalArgumentException("unknown peer '" + peer + "'");
        };
        BenchEvent[] events = new BenchEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = new BenchEvent();
        }
        publishAtRate(publisher, events, rate, warmupSeconds, 0);
        awaitDelivered(probe, probe.delivered);
        probe.histogram.reset();
        long deliveredBefore = probe.delivered;
        long[] gcBefore = gc();
        long started = System.nanoTime();
        long published = publishAtRate(publisher, events, rate, seconds, EVENTS / 2);
        awaitDelivered(probe, deliveredBefore + published);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] gcAfter = gc();
        for (AutoCloseable closer : closers) {
            closer.close();
        }
        var h = probe.histogram;
        System.out.printf("| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d | %d |%n", peer, h.getTotalCount(),
                published / elapsed, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, gcAfter[0] - gcBefore[0],
                gcAfter[1] - gcBefore[1]);
    }

    /**
     * Publishes at a fixed rate for the given time; each event carries the time it was meant to go. A peer
     * that cannot keep up blocks the publisher, and publishing stops at the deadline all the same.
     *
     * @return how many events were published
     */
    private static long publishAtRate(Consumer<BenchEvent> publisher, BenchEvent[] events, int rate, int seconds,
            int offset) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 1_000_000;
        long deadline = start + seconds * 1_000_000_000L;
        long count = (long) rate * seconds;
        for (long i = 0; i < count; i++) {
            if ((i & 1023) == 0 && System.nanoTime() > deadline) {
                return i;
            }
            long intended = start + i * interval;
            while (System.nanoTime() < intended) {
                Thread.onSpinWait();
            }
            BenchEvent event = events[(int) ((i + offset) & (EVENTS - 1))];
            event.intendedNanos = intended;
            publisher.accept(event);
        }
        return count;
    }

    private static void awaitDelivered(LatencyProbe probe, long target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (probe.delivered < target && System.nanoTime() < deadline) {
            Thread.sleep(1); // the harness waiting for a drain it measures nothing of; not a test
        }
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static Consumer<BenchEvent> zeroGc(ListenerSet set, LatencyProbe probe, List<AutoCloseable> closers)
            throws NoSuchMethodException {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (ListenerDefinition definition : set.definitions()) {
            definitions.add(new ListenerDefinition(definition.beanName(), definition.target(), definition.method(),
                    definition.invocable(), definition.order(), Delivery.ASYNC));
        }
        definitions.add(ListenerDefinition.of("probe", probe, LatencyProbe.class.getMethod("on", BenchEvent.class),
                Integer.MAX_VALUE, Delivery.ASYNC));
        EventDispatcher dispatcher = new EventDispatcher(definitions,
                DispatcherSettings.defaults().withAsync(new AsyncSettings(CAPACITY, 1,
                new YieldingWaitStrategy(), OverflowPolicy.BLOCK, DaemonThreadFactory.INSTANCE,
                (error, event, listener) -> { })));
        dispatcher.start();
        closers.add(() -> dispatcher.close(Duration.ofSeconds(10)));
        return dispatcher::dispatch;
    }

    private static final class Slot {
        BenchEvent event;
    }

    private static final EventTranslatorOneArg<Slot, BenchEvent> TRANSLATOR = (slot, sequence, event) ->
            slot.event = event;

    private static Consumer<BenchEvent> disruptor(ListenerSet set, LatencyProbe probe, List<AutoCloseable> closers) {
        Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, CAPACITY, DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, new com.lmax.disruptor.YieldingWaitStrategy());
        disruptor.handleEventsWith((slot, sequence, endOfBatch) -> {
            set.callDirectly(slot.event);
            probe.on(slot.event);
            slot.event = null;
        });
        disruptor.start();
        closers.add(disruptor::shutdown);
        return event -> disruptor.getRingBuffer().publishEvent(TRANSLATOR, event);
    }

    @SuppressWarnings("unchecked")
    private static Consumer<BenchEvent> spring(ListenerSet set, LatencyProbe probe, List<AutoCloseable> closers) {
        ThreadPoolTaskExecutor executor = BlockingExecutors.singleThread(CAPACITY);
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
        multicaster.setTaskExecutor(executor);
        context.getBeanFactory().registerSingleton("applicationEventMulticaster", multicaster);
        for (int i = 0; i < set.all.size(); i++) {
            Object listener = set.all.get(i);
            context.registerBean("listener" + i, (Class<Object>) listener.getClass(), () -> listener);
        }
        context.registerBean("probe", LatencyProbe.class, () -> probe);
        context.refresh();
        closers.add(() -> {
            executor.shutdown();
            context.close();
        });
        return context::publishEvent;
    }
}
