package io.zerogc.events.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.RegisteredMeters;
import io.zerogc.events.dispatch.CompiledListener;
import io.zerogc.events.dispatch.DispatchStatistics.Figure;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.stats.LatencyStatistics;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;

/**
 * Micrometer meters read from the engine's counters when scraped: nothing is recorded per event on
 * Micrometer's side.
 *
 * <p>Per event type, tagged {@code type=<fully qualified class name>}: {@code zerogc.events.published},
 * {@code zerogc.events.delivered}, {@code zerogc.events.failed}, {@code zerogc.events.dropped},
 * {@code zerogc.events.refused}, {@code zerogc.events.aborted}, {@code zerogc.events.subscriber.invocations}
 * (function counters) and {@code zerogc.events.subscribers} (gauge, the run-time subscriptions open): for the concrete
 * types listeners declare, from the start; for other types once the next reading of the meters (a
 * scrape, or the {@code zerogc.events.types} gauge) finds them, so that registering never happens on a
 * publishing thread. The number of types is bounded by the application's event classes. With asynchronous delivery: {@code zerogc.events.ring.capacity},
 * {@code zerogc.events.ring.remaining}, {@code zerogc.events.ring.lag},
 * {@code zerogc.events.ring.high.water.mark} (gauges), {@code zerogc.events.ring.producer.waits} and
 * {@code zerogc.events.ring.consumer.batches} (function counters). With latency sampling, gauges of the
 * engine's own percentiles, in seconds: {@code zerogc.events.delivery.latency} (publish to delivery)
 * and {@code zerogc.events.listener.latency} (call time, tagged {@code listener}), each tagged
 * {@code quantile} 0.5, 0.9, 0.99, 0.999 and 1 (the maximum). With pooling, per pooled type:
 * {@code zerogc.events.pool.size}, {@code zerogc.events.pool.borrowed} (gauges),
 * {@code zerogc.events.pool.misses} and {@code zerogc.events.pool.waits} (function counters).
 */
public class ZeroGcEventsMeterBinder implements MeterBinder, DisposableBean {

    private final DispatchingEventPublisher publisher;
    private final RegisteredMeters meters = new RegisteredMeters();

    /**
     * Creates the binder.
     *
     * @param publisher the publisher whose dispatcher it reads
     */
    public ZeroGcEventsMeterBinder(DispatchingEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Removes every meter this binder registered: a registry may outlive the context. */
    @Override
    public void destroy() {
        meters.removeAll();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Types and pools that appear at run time are queued by the thread that meets them first (an
        // add, once per type) and registered by whoever reads the meters next: never on a publish path.
        Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
        meters.add(registry, Gauge.builder("zerogc.events.types", pending, queue -> registerPending(queue, registry))
                .description("Event types with meters").register(registry));
        if (publisher.pools() != null) {
            publisher.pools().onNewPool(pool -> pending.add(() -> bindPool(registry, pool)));
        }
        publisher.whenInstalled(dispatcher -> {
            if (dispatcher.ring() != null) {
                bindRing(registry, dispatcher);
                if (dispatcher.statistics().ring().deliveryLatency() != null) {
                    bindLatency(registry, "zerogc.events.delivery.latency", "Time from publish to delivery",
                            Tags.empty(), () -> dispatcher.statistics().ring().deliveryLatency());
                }
            }
            Set<Class<?>> listened = new LinkedHashSet<>();
            for (CompiledListener listener : dispatcher.listeners()) {
                if (dispatcher.statistics().listenerLatency(listener.id()) != null) {
                    bindLatency(registry, "zerogc.events.listener.latency", "Time a listener call takes",
                            Tags.of("listener", listener.name()),
                            () -> dispatcher.statistics().listenerLatency(listener.id()));
                }
                Class<?> declared = listener.definition().eventType();
                if (!declared.isInterface() && !Modifier.isAbstract(declared.getModifiers())) {
                    listened.add(declared); // once per type, however many listeners it has
                }
            }
            // Meters from the start for the listened types; each type is bound once, however it is first met.
            Set<Class<?>> bound = ConcurrentHashMap.newKeySet();
            listened.forEach(type -> bindTypeOnce(registry, dispatcher, type, bound));
            dispatcher.statistics().onNewEventType(type -> pending.add(() -> bindTypeOnce(registry, dispatcher, type,
                    bound)));
        });
        registerPending(pending, registry);
    }

    /** Registers what was queued; the value of the {@code zerogc.events.types} gauge. */
    private double registerPending(Queue<Runnable> pending, MeterRegistry registry) {
        for (Runnable registration = pending.poll(); registration != null; registration = pending.poll()) {
            registration.run();
        }
        return registry.find("zerogc.events.published").functionCounters().size();
    }

    private void bindTypeOnce(MeterRegistry registry, EventDispatcher dispatcher, Class<?> type,
            Set<Class<?>> bound) {
        if (bound.add(type)) {
            bindType(registry, dispatcher, type);
        }
    }

    private void bindType(MeterRegistry registry, EventDispatcher dispatcher, Class<?> type) {
        String name = type.getName();
        counter(registry, "zerogc.events.published", "Events published", name, dispatcher, type, Figure.PUBLISHED);
        counter(registry, "zerogc.events.delivered", "Events delivered to all their listeners", name, dispatcher,
                type, Figure.DELIVERED);
        counter(registry, "zerogc.events.failed", "Listener calls that threw", name, dispatcher, type, Figure.FAILED);
        counter(registry, "zerogc.events.dropped", "Events dropped because the ring was full", name, dispatcher,
                type, Figure.DROPPED);
        counter(registry, "zerogc.events.refused", "Events refused with an exception to the publisher", name,
                dispatcher, type, Figure.REFUSED);
        counter(registry, "zerogc.events.aborted", "Events whose delivery a failure reaching the publisher cut short",
                name, dispatcher, type, Figure.ABORTED);
        counter(registry, "zerogc.events.subscriber.invocations", "Calls made to run-time subscribers", name,
                dispatcher, type, Figure.SUBSCRIBER_CALLS);
        meters.add(registry, Gauge.builder("zerogc.events.subscribers", dispatcher,
                d -> d.statistics().subscribers(type)).description("Run-time subscriptions open").tag("type", name)
                .register(registry));
    }

    private void counter(MeterRegistry registry, String meter, String description, String name,
            EventDispatcher dispatcher, Class<?> type, Figure figure) {
        meters.add(registry, FunctionCounter.builder(meter, dispatcher, d -> d.statistics().count(type, figure))
                .description(description)
                .tag("type", name).register(registry));
    }

    private void bindLatency(MeterRegistry registry, String meter, String description, Tags tags,
            Supplier<LatencyStatistics> read) {
        Supplier<LatencyStatistics> latency = new OncePerScrape(read);
        bindQuantile(registry, meter, description, tags, "0.5", () -> latency.get().p50());
        bindQuantile(registry, meter, description, tags, "0.9", () -> latency.get().p90());
        bindQuantile(registry, meter, description, tags, "0.99", () -> latency.get().p99());
        bindQuantile(registry, meter, description, tags, "0.999", () -> latency.get().p999());
        bindQuantile(registry, meter, description, tags, "1", () -> latency.get().max());
    }

    private void bindQuantile(MeterRegistry registry, String meter, String description, Tags tags,
            String quantile, LongSupplier nanos) {
        meters.add(registry, Gauge.builder(meter, () -> nanos.getAsLong() / 1e9).description(description)
                .baseUnit("seconds")
                .tags(tags).tag("quantile", quantile).register(registry));
    }

    private void bindPool(MeterRegistry registry, EventPool<?> pool) {
        Tags tags = Tags.of("type", pool.type().getName());
        meters.add(registry, Gauge.builder("zerogc.events.pool.size", pool, p -> p.statistics().size()).tags(tags)
                .description("Instances in the pool").register(registry));
        meters.add(registry, Gauge.builder("zerogc.events.pool.borrowed", pool, p -> p.statistics().borrowed())
                .tags(tags).description("Instances in use").register(registry));
        meters.add(registry, FunctionCounter.builder("zerogc.events.pool.misses", pool, p -> p.statistics().misses())
                .tags(tags)
                .description("Instances allocated because the pool was exhausted").register(registry));
        meters.add(registry, FunctionCounter.builder("zerogc.events.pool.waits", pool, p -> p.statistics().waits())
                .tags(tags)
                .description("Borrows that waited for an instance").register(registry));
    }

    private void bindRing(MeterRegistry registry, EventDispatcher dispatcher) {
        meters.add(registry, Gauge.builder("zerogc.events.ring.capacity", dispatcher, d -> d.ring().size())
                .description("Slots in the ring").register(registry));
        meters.add(registry, Gauge.builder("zerogc.events.ring.remaining", dispatcher,
                d -> d.ring().remainingCapacity())
                .description("Slots free now").register(registry));
        meters.add(registry, Gauge.builder("zerogc.events.ring.lag", dispatcher, d -> d.statistics().ring().lag())
                .description("Events published but not yet delivered by the slowest consumer").register(registry));
        meters.add(registry, Gauge.builder("zerogc.events.ring.high.water.mark", dispatcher,
                d -> d.statistics().ring().highWaterMark())
                .description("Most slots in use at once").register(registry));
        meters.add(registry, FunctionCounter.builder("zerogc.events.ring.producer.waits", dispatcher,
                d -> d.ring().producerWaits())
                .description("Times a publisher found the ring full and waited").register(registry));
        meters.add(registry, FunctionCounter.builder("zerogc.events.ring.consumer.batches", dispatcher,
                d -> d.statistics().ring().consumerBatches()).description("Batches delivered by consumers")
                .register(registry));
    }

    /**
     * The five quantile gauges of a recorder are read one after another in a scrape: one snapshot serves
     * them all, taken again once it is older than a scrape takes.
     */
    private static final class OncePerScrape implements Supplier<LatencyStatistics> {

        private static final long FRESH_NANOS = 500_000_000L;

        private final Supplier<LatencyStatistics> read;
        private LatencyStatistics snapshot;
        private long takenAt;

        OncePerScrape(Supplier<LatencyStatistics> read) {
            this.read = read;
        }

        @Override
        public synchronized LatencyStatistics get() {
            long now = System.nanoTime();
            if (snapshot == null || now - takenAt > FRESH_NANOS) {
                snapshot = read.get();
                takenAt = now;
            }
            return snapshot;
        }
    }
}
