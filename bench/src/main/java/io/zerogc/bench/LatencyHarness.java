package io.zerogc.bench;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The design study's scenario at this machine's scale: one thread publishes at a fixed rate into an
 * asynchronous handoff whose consumer runs N listeners; the last listener records publish-to-delivery
 * latency from the intended publish time (coordinated omission corrected); GC collections are counted.
 * Run it with a small heap, as the README says:
 * {@code java -Xmx256m -cp bench/target/benchmarks.jar io.zerogc.bench.LatencyHarness}.
 *
 * <p>Options ({@code --name=value}): {@code peers} (zerogc,starter,disruptor,spring: the engine, the
 * starter in a Spring context, the LMAX Disruptor, Spring's executor multicaster), {@code rate} (events/s,
 * 2170000: the design study's), {@code seconds} (20), {@code warmup-seconds} (5), {@code listeners} (500),
 * {@code sweep} (a comma-separated list of rates, run in turn instead of {@code rate}; then the highest
 * rate each peer sustains is printed), {@code p99-bound-us} (10000, the sweep's latency bound),
 * {@code repeat} (1; runs per peer and rate, the peers taking turns run by run: a rate is sustained when
 * most of its runs meet the bound) and
 * {@code starter-beans} ({@code packed}; {@code spring} lets the context allocate the starter's beans).
 *
 * <p>Every peer's listeners are allocated back to back, before the peer starts, and then tenured by a full
 * collection, which keeps their order, so that no young collection during the peer's start scatters them
 * among its bookkeeping: the peers differ in how they deliver, not in where their listeners live. Beans a
 * Spring context allocates each lie on a page of their own, among the context's own objects (500 beans on
 * 500 pages across 16-73 MB here, against 24 pages for 500 listeners allocated back to back), and every call
 * then costs a dispatcher, any dispatcher, the translation and cache misses of reaching them:
 * {@code --starter-beans=spring} shows what that costs the starter.
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
        Map<String, String> options = HarnessOptions.parse(Map.of("peers", "zerogc,starter,disruptor,spring", "rate",
                "2170000", "seconds", "20", "warmup-seconds", "5", "listeners", "500", "sweep", "",
                "p99-bound-us", "10000", "repeat", "1", "starter-beans", "packed"), args);
        int listeners = Integer.parseInt(options.get("listeners"));
        int seconds = Integer.parseInt(options.get("seconds"));
        int warmupSeconds = Integer.parseInt(options.get("warmup-seconds"));
        List<String> peers = List.of(options.get("peers").split(","));
        boolean sweep = !options.get("sweep").isBlank();
        List<Integer> rates = new ArrayList<>();
        for (String rate : (sweep ? options.get("sweep") : options.get("rate")).split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        System.out.printf("Latency harness: %s events/s, %d s (+%d s warm-up) per run, %d listeners, heap %d MB,"
                + " %d cores, %s%n", rates, seconds, warmupSeconds, listeners, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("| peer | offered events/s | delivered | achieved events/s | p50 us | p99 us | p99.9 us"
                + " | max us | GC count | GC ms | steal ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, List<Row>> byPeer = new LinkedHashMap<>();
        int repeat = Integer.parseInt(options.get("repeat"));
        String starterBeans = options.get("starter-beans");
        if (!starterBeans.equals("packed") && !starterBeans.equals("spring")) {
            throw new IllegalArgumentException("--starter-beans is packed or spring, not '" + starterBeans + "'");
        }
        boolean packedBeans = starterBeans.equals("packed");
        // Peers take turns, one run each per round, so that a quiet or a noisy minute of the machine falls on
        // all of them alike rather than on whichever peer's runs it happens to be.
        for (int rate : rates) {
            for (int i = 0; i < repeat; i++) {
                for (String peer : peers) {
                    Row row = run(peer.trim(), rate, seconds, warmupSeconds, listeners, packedBeans);
                    System.out.println(row.markdown());
                    byPeer.computeIfAbsent(peer.trim(), p -> new ArrayList<>()).add(row);
                }
            }
        }
        if (sweep) {
            double bound = Double.parseDouble(options.get("p99-bound-us"));
            System.out.printf("%np99-bound-us: %s%n", options.get("p99-bound-us"));
            System.out.printf("%nHighest offered rate sustained (achieved at least 99%% of offered, p99 at most"
                    + " %,.0f us, in most of the runs at that rate):%n%n| peer | sustained events/s |%n|---|---:|%n",
                    bound);
            for (var entry : byPeer.entrySet()) {
                int knee = 0;
                for (int rate : rates) {
                    long runs = entry.getValue().stream().filter(r -> r.offered() == rate).count();
                    long met = entry.getValue().stream().filter(r -> r.offered() == rate
                            && r.achieved() >= 0.99 * r.offered() && r.p99() <= bound).count();
                    if (2 * met > runs) {
                        knee = Math.max(knee, rate);
                    }
                }
                System.out.printf("| %s | %s |%n", entry.getKey(), knee == 0 ? "none" : String.format("%,d", knee));
            }
        }
    }

    /**
     * One run's figures; latencies in microseconds; steal: the time the machine's host ran something else
     * on this machine's cores during the measured part, -1 where the kernel does not say.
     */
    private record Row(String peer, int offered, long delivered, double achieved, double p50, double p99,
            double p999, double max, long gcCount, long gcMillis, long stealMillis) {

        String markdown() {
            return String.format("| %s | %,d | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d |", peer,
                    offered, delivered, achieved, p50, p99, p999, max, gcCount, gcMillis, stealMillis);
        }
    }

    private static Row run(String peer, int rate, int seconds, int warmupSeconds, int listeners,
            boolean packedBeans) throws Exception {
        ListenerSet set = new ListenerSet(listeners);
        CompiledOnlyListener[] beans = null; // the starter's, unless its context allocates them
        if (peer.equals("starter") && packedBeans) {
            beans = new CompiledOnlyListener[listeners];
            for (int i = 0; i < listeners; i++) {
                beans[i] = new CompiledOnlyListener();
            }
        }
        System.gc(); // tenures the listeners in their order; the harness, not a test, waiting for nothing
        LatencyProbe probe = new LatencyProbe();
        List<AutoCloseable> closers = new ArrayList<>();
        Consumer<BenchEvent> publisher = switch (peer) {
            case "zerogc" -> zeroGc(set, probe, closers);
            case "disruptor" -> disruptor(set, probe, closers);
            case "spring" -> spring(set, probe, closers);
            case "starter" -> starter(listeners, beans, probe, closers);
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
        long stealBefore = stealMillis();
        long started = System.nanoTime();
        long published = publishAtRate(publisher, events, rate, seconds, EVENTS / 2);
        awaitDelivered(probe, deliveredBefore + published);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] gcAfter = gc();
        long stealAfter = stealMillis();
        for (AutoCloseable closer : closers) {
            closer.close();
        }
        var h = probe.histogram;
        return new Row(peer, rate, h.getTotalCount(), published / elapsed, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                stealBefore < 0 || stealAfter < 0 ? -1 : stealAfter - stealBefore);
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

    /**
     * The machine's steal time so far, summed over its cores, from {@code /proc/stat} (a virtual machine's
     * cores taken by its host), in milliseconds at the kernel's tick of 10 ms; -1 where there is none to read.
     */
    private static long stealMillis() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] fields = line.trim().split("\\s+");
                    return fields.length > 8 ? Long.parseLong(fields[8]) * 10 : -1;
                }
            }
            return -1;
        }
        catch (IOException | RuntimeException ex) {
            return -1;
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
        context.registerBean("probe", SpringProbe.class, () -> new SpringProbe(probe));
        context.refresh();
        closers.add(() -> {
            executor.shutdown();
            context.close();
        });
        return context::publishEvent;
    }

    /** The probe on Spring's path: an {@code @EventListener} method, like the listeners there. */
    public static final class SpringProbe {

        private final LatencyProbe probe;

        SpringProbe(LatencyProbe probe) {
            this.probe = probe;
        }

        /**
         * Records one delivery.
         *
         * @param event the event
         */
        @EventListener
        public void on(BenchEvent event) {
            probe.on(event);
        }
    }

    /** The starter with the properties an application would set for this scenario. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class StarterApp {
    }

    /**
     * The product as an application uses it: a Spring context with the starter, N {@code @ZeroGcListener}
     * beans and the probe, all asynchronous on one consumer thread, published to through the
     * {@code ZeroGcEventPublisher} bean; the bridge and statistics on, as by default. The beans are the
     * given instances, or ones the context allocates when {@code packed} is {@code null}.
     */
    private static Consumer<BenchEvent> starter(int listeners, CompiledOnlyListener[] packed, LatencyProbe probe,
            List<AutoCloseable> closers) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("harness", Map.of(
                "zerogc.events.async.enabled", "true", "zerogc.events.async.ring-size", String.valueOf(CAPACITY),
                "zerogc.events.async.wait-strategy", "yielding", "zerogc.events.async.overflow", "block")));
        context.register(StarterApp.class);
        for (int i = 0; i < listeners; i++) {
            if (packed == null) {
                context.registerBean("listener" + i, CompiledOnlyListener.class);
            }
            else {
                CompiledOnlyListener bean = packed[i];
                context.registerBean("listener" + i, CompiledOnlyListener.class, () -> bean);
            }
        }
        context.registerBean("probe", LatencyProbe.class, () -> probe); // registered last: runs last
        context.refresh();
        closers.add(context::close);
        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
        return publisher::publish;
    }
}
