package io.zerogc.events.dispatch;

import io.zerogc.events.ring.AsyncDelivery;
import io.zerogc.events.ring.RingBuffer;
import io.zerogc.events.ring.RingConsumer;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.stats.LatencyStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import io.zerogc.events.stats.RingStatistics;
import io.zerogc.events.stats.SubscriberStatistics;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an {@link EventDispatcher}'s counters: per event type, per listener, of the ring. Publishers
 * write the counters without allocating or locking; reading sums them and builds immutable snapshots,
 * allocating on the reading thread only.
 */
public final class DispatchStatistics {

    /** The figures counted per event type. */
    public enum Figure {
        /** Events published. */
        PUBLISHED,
        /** Events delivered to every listener they were meant for. */
        DELIVERED,
        /** Listener calls that threw. */
        FAILED,
        /** Events dropped because the ring was full, under the {@code DROP} policy. */
        DROPPED,
        /** Events refused: the ring was full under {@code FAIL}, or delivery was stopped. */
        REFUSED,
        /** Events whose delivery a listener failure reaching the publisher cut short. */
        ABORTED,
        /** Events delivered on the publishing thread because the ring was full, under {@code CALLER_RUNS}. */
        CALLER_RUNS,
        /** Calls made to run-time subscribers. */
        SUBSCRIBER_CALLS
    }

    private final Routes routes;
    private final DispatchCounters counters;
    /** {@code null} when asynchronous delivery is off. */
    private final AsyncDelivery async;
    /** Call time per listener id; {@code null} when latency sampling is off. */
    private final LatencyRecorder[] listenerLatency;

    DispatchStatistics(Routes routes, DispatchCounters counters, AsyncDelivery async,
            LatencyRecorder[] listenerLatency) {
        this.routes = routes;
        this.counters = counters;
        this.async = async;
        this.listenerLatency = listenerLatency;
    }

    /**
     * How often a listener has thrown, over all event types.
     *
     * @param listener the listener's id
     * @return its failure count
     */
    public long failures(int listener) {
        long failures = 0;
        for (Route route : routes.built()) {
            failures += counters.listenerFailures(route.type, listener);
        }
        return failures;
    }

    /**
     * Events dropped because the ring was full, under the {@code DROP} policy.
     *
     * @return the count, over all event types
     */
    public long dropped() {
        return total(Figure.DROPPED);
    }

    /**
     * Events delivered on the publishing thread because the ring was full, under {@code CALLER_RUNS}.
     *
     * @return the count, over all event types
     */
    public long callerRuns() {
        return total(Figure.CALLER_RUNS);
    }

    private long total(Figure figure) {
        long total = 0;
        for (Route route : routes.built()) {
            total += count(route, figure);
        }
        return total;
    }

    /**
     * One figure of one event type, for meters.
     *
     * @param eventClass the class, as told to {@link #onNewEventType}
     * @param figure the figure
     * @return the count, or 0 if the class was never published
     */
    public long count(Class<?> eventClass, Figure figure) {
        Route route = routes.built(eventClass);
        return route == null ? 0 : count(route, figure);
    }

    /** The one place each figure is read. */
    private long count(Route route, Figure figure) {
        return switch (figure) {
            case PUBLISHED -> counters.published(route.type);
            case DELIVERED -> delivered(route);
            case FAILED -> counters.typeFailures(route.type);
            case DROPPED -> counters.dropped(route.type);
            case REFUSED -> counters.refused(route.type);
            case ABORTED -> counters.aborted(route.type);
            case CALLER_RUNS -> counters.callerRuns(route.type);
            case SUBSCRIBER_CALLS -> counters.subscriberCalls(route.type);
        };
    }

    /**
     * The subscriptions open now that events of a class reach, for a gauge.
     *
     * @param eventClass the class
     * @return how many
     */
    public int subscribers(Class<?> eventClass) {
        int[] open = routes.openSubscriptions(eventClass);
        return open[0] + open[1];
    }

    /**
     * The event classes published so far, in first-publish order: for a reader that wants a few figures
     * of each ({@link #count(Class, Figure)}) often, without building {@link #eventTypes()}'s statistics of
     * every listener.
     *
     * @return the classes
     */
    public List<Class<?>> publishedTypes() {
        List<Route> built = routes.built();
        List<Class<?>> types = new ArrayList<>(built.size());
        for (Route route : built) {
            types.add(route.eventClass);
        }
        return types;
    }

    /**
     * Statistics of every event type published so far and of every concrete type a listener declares or
     * a subscription names.
     *
     * @return one entry per type, in first-publish order, then declared and subscribed types never published
     */
    public List<EventTypeStatistics> eventTypes() {
        List<EventTypeStatistics> statistics = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Route route : routes.built()) {
            seen.add(route.eventClass);
            statistics.add(statisticsOf(route));
        }
        List<Class<?>> declared = new ArrayList<>();
        for (CompiledListener listener : routes.listeners()) {
            declared.add(listener.definition().eventType());
        }
        declared.addAll(routes.subscribedTypes());
        for (Class<?> type : declared) {
            if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers()) && seen.add(type)) {
                statistics.add(unpublished(type));
            }
        }
        return statistics;
    }

    /**
     * Statistics of one event type.
     *
     * @param eventClassName the class's name ({@code Class#getName})
     * @return its statistics, or {@code null} if it was never published and no listener declares it
     */
    public EventTypeStatistics eventType(String eventClassName) {
        for (EventTypeStatistics statistics : eventTypes()) {
            if (statistics.type().equals(eventClassName)) {
                return statistics;
            }
        }
        return null;
    }

    /**
     * The ring's state.
     *
     * @return its statistics, or {@code null} when asynchronous delivery is off
     */
    public RingStatistics ring() {
        if (async == null) {
            return null;
        }
        RingBuffer ring = async.ring();
        long batches = 0;
        long highWaterMark = ring.wasFull() ? ring.size() : 0;
        for (RingConsumer consumer : async.consumers()) {
            batches += consumer.batches();
            highWaterMark = Math.max(highWaterMark, consumer.highWaterMark());
        }
        LatencyRecorder latency = async.deliveryLatency();
        return new RingStatistics(ring.size(), ring.remainingCapacity(), highWaterMark, ring.producerWaits(),
                batches, Math.max(0, ring.cursor() - ring.slowestConsumer()), callerRuns(),
                latency != null ? latency.statistics() : null);
    }

    /**
     * A listener's call times.
     *
     * @param listener the listener's id
     * @return its latency statistics, or {@code null} when latency sampling is off
     */
    public LatencyStatistics listenerLatency(int listener) {
        return listenerLatency != null ? listenerLatency[listener].statistics() : null;
    }

    /**
     * Starts the figures that are not counters afresh: latency histograms and the ring's high-water
     * mark. Counters only grow (meters read them); a reader that wants them from zero keeps a baseline.
     */
    public void resetGauges() {
        if (async != null) {
            async.ring().resetWasFull();
            for (RingConsumer consumer : async.consumers()) {
                consumer.resetHighWaterMark();
            }
            if (async.deliveryLatency() != null) {
                async.deliveryLatency().reset();
            }
        }
        if (listenerLatency != null) {
            for (LatencyRecorder recorder : listenerLatency) {
                recorder.reset();
            }
        }
    }

    /**
     * Registers a callback told about each event type the first time it is published, on the
     * publishing thread; for metrics that want a meter per type. Types published before are told at once.
     *
     * @param observer the callback
     */
    public void onNewEventType(Consumer<Class<?>> observer) {
        routes.onNewEventType(observer);
    }

    /**
     * Events delivered to every listener: those published, less those that did not get through (aborted,
     * dropped, refused) and those still in the ring (accepted by it, not yet finished by the last consumer
     * concerned). Holds whatever the route's consumers were when each event was published, so it stays
     * exact while subscribers come and go. Read in the order events move (finished, then accepted, then
     * published), so a snapshot under traffic never shows more delivered than published.
     */
    private long delivered(Route route) {
        long inRing = 0;
        if (route.accepted != null) {
            long completed = counters.completed(route.type);
            inRing = counters.accepted(route.type) - completed;
        }
        return counters.published(route.type) - inRing - counters.aborted(route.type) - counters.dropped(route.type)
                - counters.refused(route.type);
    }

    private EventTypeStatistics statisticsOf(Route route) {
        // Read what is delivered before what is published, so a snapshot taken under traffic never shows
        // more delivered than published.
        long delivered = count(route, Figure.DELIVERED);
        long published = count(route, Figure.PUBLISHED);
        long callerRuns = count(route, Figure.CALLER_RUNS);
        List<ListenerStatistics> listenerStatistics = new ArrayList<>();
        for (CompiledListener listener : routes.listenersFor(route.eventClass)) {
            long skipped = counters.skipped(route.type, listener.id());
            long calls = listener.isAsync() ? counters.consumed(listener.consumer(), route.type) + callerRuns - skipped
                    : published - skipped;
            listenerStatistics.add(statisticsOf(listener, calls, counters.listenerFailures(route.type, listener.id())));
        }
        return new EventTypeStatistics(route.eventClass.getName(), published, delivered,
                count(route, Figure.FAILED), count(route, Figure.DROPPED), count(route, Figure.REFUSED),
                count(route, Figure.ABORTED), listenerStatistics, subscribersOf(route));
    }

    private SubscriberStatistics subscribersOf(Route route) {
        int[] open = routes.openSubscriptions(route.eventClass);
        return new SubscriberStatistics(open[0], open[1], counters.subscriberCalls(route.type),
                counters.subscriberFailures(route.type));
    }

    private EventTypeStatistics unpublished(Class<?> eventClass) {
        int[] open = routes.openSubscriptions(eventClass);
        return new EventTypeStatistics(eventClass.getName(), 0, 0, 0, 0, 0, 0,
                routes.listenersFor(eventClass).stream().map(listener -> statisticsOf(listener, 0, 0)).toList(),
                new SubscriberStatistics(open[0], open[1], 0, 0));
    }

    private ListenerStatistics statisticsOf(CompiledListener listener, long invocations, long failures) {
        ListenerDefinition definition = listener.definition();
        return new ListenerStatistics(definition.beanName(), listener.name(), definition.order(),
                listener.isAsync() ? "ASYNC" : "SYNC", listener.isAsync() ? listener.consumer() : null, invocations,
                failures, listenerLatency != null ? listenerLatency[listener.id()].statistics() : null);
    }
}
