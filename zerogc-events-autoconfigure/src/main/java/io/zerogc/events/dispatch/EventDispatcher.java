package io.zerogc.events.dispatch;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.ring.RingBuffer;
import io.zerogc.events.ring.RingConsumer;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.stats.LatencyStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import io.zerogc.events.stats.RingStatistics;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine: compiles a fixed set of listeners once, then delivers events to them, synchronously on
 * the publishing thread and, when asynchronous delivery is on, through a ring to consumer threads.
 *
 * <p>Per concrete event class, the listeners whose parameter type the class is assignable to (its
 * superclasses and interfaces included) form one ordered {@link Route}, built on the first event of
 * that class and cached in a {@link ClassValue}; later events of the class cost a lock-free lookup
 * and the direct calls, and allocate nothing. A class with no listener costs the lookup alone.
 *
 * <p>Listeners run in ascending order; equal orders keep the order in which the definitions were
 * given. Synchronous listeners run before the event is handed to the ring. Asynchronous listeners are
 * spread over the consumers round-robin in that order; each runs on exactly one consumer thread, so it
 * sees the events of any one publishing thread in the order they were published.
 *
 * <p>Safe to use from any number of threads.
 */
public final class EventDispatcher {

    private final List<CompiledListener> listeners;
    private final DispatchCounters counters;
    private final AsyncDelivery async;
    /** Call time per listener id; {@code null} when latency sampling is off. */
    private final LatencyRecorder[] listenerLatency;
    private final RouteTable table;
    private final ClassValue<Route> routes = new ClassValue<>() {
        @Override
        protected Route computeValue(Class<?> eventClass) {
            return table.routeFor(eventClass);
        }
    };

    /**
     * Validates and compiles synchronous listeners.
     *
     * @param definitions the listeners, in registration order
     * @param errorHandler the handler that takes over listener failures, or {@code null} to propagate the
     *     first failure to the publisher and skip the remaining listeners
     * @param resultSink where values returned by listeners are published, or {@code null} for this
     *     dispatcher's own {@link #dispatch(Object)}
     * @throws InvalidListenerException naming every listener that cannot be compiled
     */
    public EventDispatcher(List<ListenerDefinition> definitions, ListenerErrorHandler errorHandler,
            Consumer<Object> resultSink) {
        this(definitions, errorHandler, resultSink, null);
    }

    /**
     * Validates and compiles listeners, synchronous and asynchronous. Consumers start with
     * {@link #start()}.
     *
     * @param definitions the listeners, in registration order
     * @param errorHandler the handler that takes over synchronous listener failures, or {@code null} to
     *     propagate the first failure to the publisher and skip the remaining listeners
     * @param resultSink where values returned by listeners are published, or {@code null} for this
     *     dispatcher's own {@link #dispatch(Object)}
     * @param asyncSettings how asynchronous delivery runs, or {@code null} for none: then
     *     {@link Delivery#DEFAULT} listeners are synchronous and {@link Delivery#ASYNC} ones are invalid
     * @throws InvalidListenerException naming every listener that cannot be compiled
     */
    public EventDispatcher(List<ListenerDefinition> definitions, ListenerErrorHandler errorHandler,
            Consumer<Object> resultSink, AsyncSettings asyncSettings) {
        this(definitions, errorHandler, resultSink, asyncSettings, false);
    }

    /**
     * Validates and compiles listeners, with latency sampling on or off.
     *
     * @param definitions the listeners, in registration order
     * @param errorHandler the handler that takes over synchronous listener failures, or {@code null} to
     *     propagate the first failure to the publisher and skip the remaining listeners
     * @param resultSink where values returned by listeners are published, or {@code null} for this
     *     dispatcher's own {@link #dispatch(Object)}
     * @param asyncSettings how asynchronous delivery runs, or {@code null} for none
     * @param sampleLatency whether to time every listener call and every event's wait in the ring; costs
     *     two clock reads per listener call, and synchronous listeners are then called from a loop instead
     *     of a generated dispatcher
     * @throws InvalidListenerException naming every listener that cannot be compiled
     */
    public EventDispatcher(List<ListenerDefinition> definitions, ListenerErrorHandler errorHandler,
            Consumer<Object> resultSink, AsyncSettings asyncSettings, boolean sampleLatency) {
        this(definitions, errorHandler, resultSink, asyncSettings, sampleLatency, false);
    }

    /**
     * Validates and compiles listeners, with latency sampling and pooled-event accounting on or off.
     *
     * @param definitions the listeners, in registration order
     * @param errorHandler the handler that takes over synchronous listener failures, or {@code null}
     * @param resultSink where values returned by listeners are published, or {@code null}
     * @param asyncSettings how asynchronous delivery runs, or {@code null} for none
     * @param sampleLatency whether to time listener calls and waits in the ring
     * @param pooling whether {@link PooledEvent}s are pooled containers: published once per borrow, and
     *     returned to their pool after their last listener; otherwise they are plain events
     * @throws InvalidListenerException naming every listener that cannot be compiled
     */
    public EventDispatcher(List<ListenerDefinition> definitions, ListenerErrorHandler errorHandler,
            Consumer<Object> resultSink, AsyncSettings asyncSettings, boolean sampleLatency, boolean pooling) {
        List<String> problems = new ArrayList<>();
        for (ListenerDefinition definition : definitions) {
            String problem = ListenerCompiler.problemWith(definition, asyncSettings != null);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidListenerException(problems);
        }
        List<ListenerDefinition> ordered = new ArrayList<>(definitions);
        ordered.sort(Comparator.comparingInt(ListenerDefinition::order)); // stable: ties keep registration order
        Consumer<Object> sink = resultSink != null ? resultSink : this::dispatch;
        List<CompiledListener> compiled = new ArrayList<>(ordered.size());
        ListenerCompiler compiler = new ListenerCompiler();
        int asyncCount = 0;
        for (ListenerDefinition definition : ordered) {
            boolean isAsync = asyncSettings != null && definition.delivery() != Delivery.SYNC;
            int consumer = isAsync ? asyncCount++ % asyncSettings.consumers() : CompiledListener.SYNC;
            compiled.add(new CompiledListener(compiled.size(), definition, compiler.compile(definition, sink),
                    consumer));
        }
        this.listeners = List.copyOf(compiled);
        this.counters = new DispatchCounters(asyncSettings != null ? asyncSettings.consumers() : 0);
        this.async = asyncSettings != null ? new AsyncDelivery(asyncSettings, counters, sampleLatency) : null;
        this.listenerLatency = sampleLatency ? new LatencyRecorder[compiled.size()] : null;
        if (listenerLatency != null) {
            for (int i = 0; i < listenerLatency.length; i++) {
                listenerLatency[i] = new LatencyRecorder();
            }
        }
        this.table = new RouteTable(listeners, counters, errorHandler, async, pooling, listenerLatency);
    }

    /**
     * Delivers the event: to its class's synchronous listeners on the calling thread, then into the
     * ring for its asynchronous ones.
     *
     * @param event the event, never {@code null}
     * @throws io.zerogc.events.PublisherClosedException if the event has asynchronous listeners and
     *     asynchronous delivery is shut down
     * @throws io.zerogc.events.RingFullException if the ring is full under the {@code FAIL} policy
     */
    public void dispatch(Object event) {
        Route route = routes.get(event.getClass());
        counters.countPublished(route.type);
        if (route.pooled) {
            dispatchPooled((PooledEvent) event, route);
            return;
        }
        route.sync.dispatch(event);
        if (route.asyncConsumers != 0) {
            async.enqueue(event, route);
        }
    }

    /**
     * A pooled event holds one release per delivery path: the publishing thread's, plus one per consumer
     * it goes to. Whatever does not reach a consumer (a failure, a drop, caller-runs) is released here.
     */
    private void dispatchPooled(PooledEvent event, Route route) {
        EventPool.beginPublish(event, 1 + route.asyncConsumers);
        int unreleased = 1 + route.asyncConsumers;
        try {
            route.sync.dispatch(event);
            if (route.asyncConsumers != 0 && async.enqueue(event, route)) {
                unreleased = 1;
            }
        }
        finally {
            EventPool.release(event, unreleased);
        }
    }

    /**
     * Starts the consumer threads, if asynchronous delivery is on. Events published before wait in the
     * ring.
     */
    public void start() {
        if (async != null) {
            async.start();
        }
    }

    /**
     * Shuts asynchronous delivery down: refuses further events for asynchronous listeners, delivers
     * every event already accepted, then stops the consumers.
     *
     * @param timeout how long to wait for the consumers to drain the ring
     * @return how many accepted events were not delivered within the timeout (0 when all were)
     * @throws InterruptedException if interrupted while waiting
     */
    public long close(Duration timeout) throws InterruptedException {
        return async != null ? async.close(timeout) : 0;
    }

    /**
     * All compiled listeners, in dispatch order.
     *
     * @return the listeners; each one's {@link CompiledListener#id()} is its index here
     */
    public List<CompiledListener> listeners() {
        return listeners;
    }

    /**
     * The listeners an event of the given class is delivered to, in order.
     *
     * @param eventClass a concrete event class
     * @return the matching listeners, synchronous and asynchronous
     */
    public List<CompiledListener> listenersFor(Class<?> eventClass) {
        Objects.requireNonNull(eventClass, "eventClass");
        return table.listenersFor(eventClass);
    }

    /**
     * How often a listener has thrown, over all event types.
     *
     * @param listener the listener's id
     * @return its failure count
     */
    public long failures(int listener) {
        long failures = 0;
        for (Route route : table.routes()) {
            for (Dispatcher dispatcher : dispatchersOf(route)) {
                int position = dispatcher.positionOf(listener);
                if (position >= 0) {
                    failures += dispatcher.failures.get(position);
                }
            }
        }
        return failures;
    }

    /**
     * The ring, when asynchronous delivery is on.
     *
     * @return the ring, or {@code null}
     */
    public RingBuffer ring() {
        return async != null ? async.ring() : null;
    }

    /**
     * The consumers, when asynchronous delivery is on.
     *
     * @return the consumers, empty when off
     */
    public List<RingConsumer> consumers() {
        return async != null ? List.of(async.consumers()) : List.of();
    }

    /**
     * Events dropped because the ring was full, under the {@code DROP} policy.
     *
     * @return the count, over all event types
     */
    public long dropped() {
        long dropped = 0;
        for (Route route : table.routes()) {
            dropped += counters.dropped(route.type);
        }
        return dropped;
    }

    /**
     * Events delivered on the publishing thread because the ring was full, under {@code CALLER_RUNS}.
     *
     * @return the count
     */
    public long callerRuns() {
        return async != null ? async.callerRuns() : 0;
    }

    /** The synchronous dispatcher serving one event class; for tests. */
    Dispatcher dispatcherOf(Class<?> eventClass) {
        return routes.get(eventClass).sync;
    }

    /**
     * Statistics of every event type published so far and of every concrete type a listener declares.
     *
     * @return one entry per type, in first-publish order, then declared types never published
     */
    public List<EventTypeStatistics> statistics() {
        List<EventTypeStatistics> statistics = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Route route : table.routes()) {
            seen.add(route.eventClass);
            statistics.add(statisticsOf(route));
        }
        for (CompiledListener listener : listeners) {
            Class<?> declared = listener.definition().eventType();
            if (!declared.isInterface() && !Modifier.isAbstract(declared.getModifiers()) && seen.add(declared)) {
                statistics.add(unpublished(declared));
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
    public EventTypeStatistics statistics(String eventClassName) {
        for (EventTypeStatistics statistics : statistics()) {
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
    public RingStatistics ringStatistics() {
        if (async == null) {
            return null;
        }
        RingBuffer ring = async.ring();
        long batches = 0;
        long highWaterMark = 0;
        long slowest = Long.MAX_VALUE;
        for (RingConsumer consumer : async.consumers()) {
            batches += consumer.batches();
            highWaterMark = Math.max(highWaterMark, consumer.highWaterMark());
            slowest = Math.min(slowest, consumer.sequence());
        }
        LatencyRecorder latency = async.deliveryLatency();
        return new RingStatistics(ring.size(), ring.remainingCapacity(), highWaterMark, ring.producerWaits(),
                batches, Math.max(0, ring.cursor() - slowest), async.callerRuns(),
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
     * Sets the counters of every event type and listener back to zero. Ring figures that describe
     * state (capacity, remaining, lag) are not counters and stay.
     */
    public void resetStatistics() {
        counters.reset();
        if (listenerLatency != null) {
            for (LatencyRecorder recorder : listenerLatency) {
                recorder.reset();
            }
        }
        if (async != null && async.deliveryLatency() != null) {
            async.deliveryLatency().reset();
        }
        for (Route route : table.routes()) {
            for (Dispatcher dispatcher : dispatchersOf(route)) {
                dispatcher.resetCounters();
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
        table.onNewEventType(observer);
    }

    /**
     * Published count of one type, for meters.
     *
     * @param eventClass the class, as told to {@link #onNewEventType}
     * @return the count, or 0 if never published
     */
    public long published(Class<?> eventClass) {
        Route route = table.knownRoute(eventClass);
        return route == null ? 0 : counters.published(route.type);
    }

    /**
     * Delivered count of one type, for meters.
     *
     * @param eventClass the class
     * @return the count, or 0 if never published
     */
    public long delivered(Class<?> eventClass) {
        Route route = table.knownRoute(eventClass);
        return route == null ? 0 : delivered(route);
    }

    /**
     * Failed listener calls on one type, for meters.
     *
     * @param eventClass the class
     * @return the count, or 0 if never published
     */
    public long failed(Class<?> eventClass) {
        Route route = table.knownRoute(eventClass);
        return route == null ? 0 : counters.typeFailures(route.type);
    }

    /**
     * Dropped events of one type, for meters.
     *
     * @param eventClass the class
     * @return the count, or 0 if never published
     */
    public long dropped(Class<?> eventClass) {
        Route route = table.knownRoute(eventClass);
        return route == null ? 0 : counters.dropped(route.type);
    }

    private static List<Dispatcher> dispatchersOf(Route route) {
        List<Dispatcher> dispatchers = new ArrayList<>();
        dispatchers.add(route.sync);
        for (Dispatcher dispatcher : route.async) {
            if (dispatcher != null) {
                dispatchers.add(dispatcher);
            }
        }
        return dispatchers;
    }

    private long delivered(Route route) {
        if (route.asyncConsumers == 0) {
            return counters.published(route.type) - counters.failedDispatches(route.type);
        }
        long delivered = Long.MAX_VALUE;
        for (int consumer = 0; consumer < route.async.length; consumer++) {
            if (route.async[consumer] != null) {
                delivered = Math.min(delivered, counters.consumed(consumer, route.type));
            }
        }
        return delivered;
    }

    private EventTypeStatistics statisticsOf(Route route) {
        // Read what is delivered before what is published, so a snapshot taken under traffic never shows
        // more delivered than published.
        long delivered = delivered(route);
        long published = counters.published(route.type);
        List<ListenerStatistics> listenerStatistics = new ArrayList<>();
        for (CompiledListener listener : listenersFor(route.eventClass)) {
            Dispatcher dispatcher = listener.isAsync() ? route.async[listener.consumer()] : route.sync;
            int position = dispatcher.positionOf(listener.id());
            long calls = listener.isAsync() ? counters.consumed(listener.consumer(), route.type)
                    : published - dispatcher.skipped.get(position);
            listenerStatistics.add(statisticsOf(listener, calls, dispatcher.failures.get(position)));
        }
        return new EventTypeStatistics(route.eventClass.getName(), published, delivered,
                counters.typeFailures(route.type), counters.dropped(route.type), listenerStatistics);
    }

    private EventTypeStatistics unpublished(Class<?> eventClass) {
        return new EventTypeStatistics(eventClass.getName(), 0, 0, 0, 0,
                listenersFor(eventClass).stream().map(listener -> statisticsOf(listener, 0, 0)).toList());
    }

    private ListenerStatistics statisticsOf(CompiledListener listener, long invocations, long failures) {
        ListenerDefinition definition = listener.definition();
        return new ListenerStatistics(definition.beanName(), listener.name(), definition.order(),
                listener.isAsync() ? "ASYNC" : "SYNC", listener.isAsync() ? listener.consumer() : null, invocations,
                failures, listenerLatency != null ? listenerLatency[listener.id()].statistics() : null);
    }

}
