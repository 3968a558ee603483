package io.zerogc.events.autoconfigure;

import io.zerogc.events.autoconfigure.ZeroGcEventsEndpoint.DispatchReport;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import io.zerogc.events.stats.PoolStatistics;
import io.zerogc.events.stats.RingStatistics;
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

    /** No baseline: figures as counted. */
    static final ReportBaseline NONE = new ReportBaseline(new DispatchReport(List.of(), null, List.of()));

    ReportBaseline(DispatchReport at) {
        at.eventTypes().forEach(type -> types.put(type.type(), type));
        at.pools().forEach(pool -> pools.put(pool.type(), pool));
        this.ring = at.ring();
    }

    DispatchReport since(DispatchReport now) {
        List<EventTypeStatistics> eventTypes = new ArrayList<>(now.eventTypes().size());
        now.eventTypes().forEach(type -> eventTypes.add(since(type)));
        List<PoolStatistics> poolStatistics = new ArrayList<>(now.pools().size());
        now.pools().forEach(pool -> poolStatistics.add(since(pool)));
        return new DispatchReport(eventTypes, since(now.ring()), poolStatistics);
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
        return new EventTypeStatistics(now.type(), now.published() - then.published(),
                now.delivered() - then.delivered(), now.failed() - then.failed(), now.dropped() - then.dropped(),
                now.refused() - then.refused(), now.aborted() - then.aborted(), listeners);
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
