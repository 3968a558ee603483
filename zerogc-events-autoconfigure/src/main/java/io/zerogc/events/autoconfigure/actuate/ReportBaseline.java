package io.zerogc.events.autoconfigure.actuate;

import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint.DispatchReport;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import io.zerogc.events.stats.PoolStatistics;
import io.zerogc.events.stats.RingStatistics;
import io.zerogc.events.stats.SubscriberStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint's zero: the counters as they were at the last reset, subtracted from what is read.
 * The engine's counters themselves only grow, so meters built on them never go backwards.
 */
final class ReportBaseline {

    private final Map<String, EventTypeStatistics> types = new HashMap<>();
    private final Map<String, PoolStatistics> pools = new HashMap<>();
    private final RingStatistics ring;
    private final Map<String, KafkaStatistics.Outbound> outbound = new HashMap<>();
    private final Map<String, KafkaStatistics.Inbound> inbound = new HashMap<>();

    /** No baseline: figures as counted. */
    static final ReportBaseline NONE = new ReportBaseline(new DispatchReport(List.of(), List.of(), null, List.of(), null));

    /**
     * A baseline at a reset. Events still in the ring then count as published after it: what the baseline
     * takes as published is what was accounted for (delivered, dropped, refused, aborted), so figures read
     * since the reset never show more delivered than published, and obey the invariant once the ring
     * drains.
     */
    ReportBaseline(DispatchReport at) {
        at.eventTypes().forEach(type -> types.put(type.type(), accountedFor(type)));
        at.pools().forEach(pool -> pools.put(pool.type(), pool));
        this.ring = at.ring();
        if (at.kafka() != null) {
            at.kafka().outbound().forEach(out -> outbound.put(out.type() + "\n" + out.topic(), out));
            at.kafka().inbound().forEach(in -> inbound.put(in.topic(), in));
        }
    }

    /** The type's figures with those in flight left out of the published count. */
    private static EventTypeStatistics accountedFor(EventTypeStatistics type) {
        long accounted = type.delivered() + type.dropped() + type.refused() + type.aborted();
        return new EventTypeStatistics(type.type(), Math.min(type.published(), accounted), type.delivered(),
                type.failed(), type.dropped(), type.refused(), type.aborted(), type.listeners(), type.subscribers());
    }

    DispatchReport since(DispatchReport now) {
        List<EventTypeStatistics> eventTypes = new ArrayList<>(now.eventTypes().size());
        now.eventTypes().forEach(type -> eventTypes.add(since(type)));
        List<PoolStatistics> poolStatistics = new ArrayList<>(now.pools().size());
        now.pools().forEach(pool -> poolStatistics.add(since(pool)));
        return new DispatchReport(eventTypes, now.classicListeners(), since(now.ring()), poolStatistics,
                since(now.kafka()));
    }

    private KafkaStatistics since(KafkaStatistics now) {
        if (now == null) {
            return null;
        }
        List<KafkaStatistics.Outbound> out = new ArrayList<>(now.outbound().size());
        for (KafkaStatistics.Outbound target : now.outbound()) {
            KafkaStatistics.Outbound then = outbound.get(target.type() + "\n" + target.topic());
            out.add(then == null ? target : new KafkaStatistics.Outbound(target.type(), target.topic(),
                    target.externalized() - then.externalized(), target.externalizeFailed() - then.externalizeFailed(),
                    target.dropped() - then.dropped(), target.pending()));
        }
        List<KafkaStatistics.Inbound> in = new ArrayList<>(now.inbound().size());
        for (KafkaStatistics.Inbound topic : now.inbound()) {
            KafkaStatistics.Inbound then = inbound.get(topic.topic());
            in.add(then == null ? topic : new KafkaStatistics.Inbound(topic.topic(), topic.type(),
                    topic.received() - then.received(), topic.published() - then.published(),
                    topic.skippedOwn() - then.skippedOwn(), topic.failed() - then.failed(), topic.lag()));
        }
        return new KafkaStatistics(now.instanceId(), out, in);
    }

    EventTypeStatistics since(EventTypeStatistics now) {
        EventTypeStatistics then = types.get(now.type());
        if (then == null) {
            return now;
        }
        List<ListenerStatistics> listeners = new ArrayList<>(now.listeners().size());
        for (int i = 0; i < now.listeners().size(); i++) {
            ListenerStatistics listener = now.listeners().get(i);
            ListenerStatistics before = i < then.listeners().size() ? then.listeners().get(i) : null;
            listeners.add(before == null || !before.method().equals(listener.method()) ? listener
                    : new ListenerStatistics(listener.bean(), listener.method(), listener.order(), listener.delivery(),
                            listener.consumer(), listener.invocations() - before.invocations(),
                            listener.failures() - before.failures(), listener.latency()));
        }
        SubscriberStatistics subscribers = now.subscribers();
        SubscriberStatistics before = then.subscribers();
        return new EventTypeStatistics(now.type(), now.published() - then.published(),
                now.delivered() - then.delivered(), now.failed() - then.failed(), now.dropped() - then.dropped(),
                now.refused() - then.refused(), now.aborted() - then.aborted(), listeners,
                new SubscriberStatistics(subscribers.sync(), subscribers.async(),
                        subscribers.invocations() - before.invocations(), subscribers.failures() - before.failures()));
    }

    private RingStatistics since(RingStatistics now) {
        if (now == null || ring == null) {
            return now;
        }
        return new RingStatistics(now.capacity(), now.remaining(), now.highWaterMark(),
                now.producerWaits() - ring.producerWaits(), now.consumerBatches() - ring.consumerBatches(), now.lag(),
                now.callerRuns() - ring.callerRuns(), now.deliveryLatency());
    }

    private PoolStatistics since(PoolStatistics now) {
        PoolStatistics then = pools.get(now.type());
        return then == null ? now
                : new PoolStatistics(now.type(), now.size(), now.borrowed(), now.misses() - then.misses(),
                        now.waits() - then.waits());
    }
}
