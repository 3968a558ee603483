package io.zerogc.events.dispatch;

import io.zerogc.events.BatchStart;
import io.zerogc.events.Delivery;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.Subscription;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.ring.AsyncDelivery;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BatchPosition;
import io.zerogc.events.ring.RingBuffer;
import io.zerogc.events.ring.RingConsumer;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.util.ClassTable;
import io.zerogc.events.util.Ownership;
import io.zerogc.events.util.ThreadSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine: compiles a fixed set of listeners once, then delivers events to them, synchronously on
 * the publishing thread and, when asynchronous delivery is on, through a ring to consumer threads.
 *
 * <p>Per concrete event class, the listeners whose parameter type the class is assignable to (its
 * superclasses and interfaces included) form one ordered {@link Route}, built on the first event of
 * that class and kept in a table of this engine's, open-addressed by the class's identity hash; each
 * publishing thread keeps the route it found last in a slot of its own, so later events of the class
 * cost a load from that slot, two comparisons and the direct calls (another class, a probe of the table,
 * usually one), and allocate nothing. A class with no listener costs the lookup alone. Nothing static
 * reaches the engine, so an engine (and the application context whose beans its listeners are) is
 * garbage once unreferenced.
 *
 * <p>Listeners run in ascending order; equal orders keep the order in which the definitions were
 * given. Synchronous listeners run before the event is handed to the ring. Asynchronous listeners are
 * spread over the consumers round-robin in that order; each runs on exactly one consumer thread, so it
 * sees the events of any one publishing thread in the order they were published. Relays run on one more
 * consumer of their own, so that a broker's pace never holds back another listener's consumer.
 *
 * <p>Safe to use from any number of threads.
 */
public final class EventDispatcher {

    private final List<CompiledListener> listeners;
    private final DispatchCounters counters;
    private final AsyncDelivery async;
    /** Call time per listener id; {@code null} when latency sampling is off. */
    private final LatencyRecorder[] listenerLatency;
    private final Routes routes;
    /** The routes' installed table, kept at hand: a publish looks its class up here. */
    private final ClassTable<Route> installedRoutes;
    /** Per publishing thread ({@link ThreadSlots}), the routes it found last: where a publish looks first. */
    private final Route[] recentRoutes = new Route[ThreadSlots.length()];
    private final DispatchStatistics statistics;
    /** Where published events go after the listeners, for the classes it follows; {@code null} if none. */
    private final EventFollower follower;
    /** The consumers asynchronous listeners and subscribers are spread over (relays' own excluded). */
    private final int ordinaryConsumers;

    /**
     * Validates and compiles listeners. Asynchronous consumers, if any, start with {@link #start()}.
     *
     * @param definitions the listeners, in registration order
     * @param settings how delivery, failures, returned values, sampling and pooling work
     * @throws InvalidListenerException naming every listener that cannot be compiled
     */
    public EventDispatcher(List<ListenerDefinition> definitions, DispatcherSettings settings) {
        AsyncSettings asyncSettings = settings.async();
        int sampleEvery = settings.latencySampling();
        List<String> problems = new ArrayList<>();
        boolean asyncUnavailable = false;
        for (ListenerDefinition definition : definitions) {
            String problem = ListenerCompiler.problemWith(definition, asyncSettings != null);
            if (problem != null) {
                problems.add(problem);
                asyncUnavailable |= asyncSettings == null && definition.delivery() == Delivery.ASYNC;
            }
        }
        Set<String> startsReported = new HashSet<>();
        boolean asyncOn = asyncSettings != null;
        for (ListenerDefinition definition : definitions) {
            if (definition.target() instanceof BatchStart && definitions.stream().noneMatch(other ->
                    other.target() == definition.target() && asyncOn && other.delivery() != Delivery.SYNC)
                    && startsReported.add(definition.beanName())) {
                problems.add("Bean '" + definition.beanName() + "' implements BatchStart, but none of its @ZeroGcListener"
                        + " methods is asynchronous, so no batch would ever start for it: declare them with"
                        + " delivery = Delivery.ASYNC" + (asyncSettings == null ? " and switch asynchronous delivery on"
                                : ""));
                asyncUnavailable |= asyncSettings == null;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidListenerException(problems, asyncUnavailable);
        }
        List<ListenerDefinition> ordered = new ArrayList<>(definitions);
        ordered.sort(Comparator.comparingInt(ListenerDefinition::order)); // stable: ties keep registration order
        Consumer<Object> sink = settings.resultSink() != null ? settings.resultSink() : this::dispatch;
        List<CompiledListener> compiled = new ArrayList<>(ordered.size());
        ListenerCompiler compiler = new ListenerCompiler();
        // Relays (which wait on brokers) get a consumer of their own, after the configured ones: a slow broker
        // then holds back only what that consumer delivers, never another asynchronous listener.
        boolean relays = asyncSettings != null && ordered.stream().anyMatch(ListenerDefinition::relay);
        int ordinaryConsumers = asyncSettings != null ? asyncSettings.consumers() : 0;
        int relayConsumer = ordinaryConsumers; // the one after them
        if (relays) {
            asyncSettings = asyncSettings.withConsumers(ordinaryConsumers + 1);
        }
        int asyncCount = 0;
        int allConsumers = asyncSettings != null ? asyncSettings.consumers() : 0;
        // Consumers first, then each consumer's batch observers (endOfBatch, or a BatchStart bean) numbered.
        int[] consumerOf = new int[ordered.size()];
        int[] observerNumber = new int[ordered.size()];
        List<List<ListenerDefinition>> observers = new ArrayList<>();
        for (int c = 0; c < allConsumers; c++) {
            observers.add(new ArrayList<>());
        }
        for (int i = 0; i < ordered.size(); i++) {
            ListenerDefinition definition = ordered.get(i);
            boolean isAsync = asyncSettings != null && definition.delivery() != Delivery.SYNC;
            int consumer = !isAsync ? CompiledListener.SYNC
                    : definition.relay() ? relayConsumer : asyncCount++ % ordinaryConsumers;
            consumerOf[i] = consumer;
            observerNumber[i] = -1;
            if (isAsync && (definition.batchAware() || definition.target() instanceof BatchStart)) {
                observerNumber[i] = observers.get(consumer).size();
                observers.get(consumer).add(definition);
            }
        }
        BatchPosition[] positions = new BatchPosition[allConsumers];
        for (int c = 0; c < allConsumers; c++) {
            List<ListenerDefinition> mine = observers.get(c);
            if (!mine.isEmpty()) {
                positions[c] = new BatchPosition(mine.stream().map(d -> d.target() instanceof BatchStart start ? start
                        : null).toArray(BatchStart[]::new), mine.stream().map(ListenerDefinition::signature)
                        .toArray(String[]::new));
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            ListenerDefinition definition = ordered.get(i);
            int consumer = consumerOf[i];
            compiled.add(new CompiledListener(compiled.size(), definition, compiler.compile(definition, sink,
                    consumer >= 0 ? positions[consumer] : null, observerNumber[i]), consumer, observerNumber[i]));
        }
        this.listeners = List.copyOf(compiled);
        this.counters = new DispatchCounters(allConsumers, compiled.size());
        Ownership.freeEndedOwnersOf(counters); // ended publishing threads are freed without waiting for a reader
        this.async = asyncSettings != null ? new AsyncDelivery(asyncSettings, counters, sampleEvery, positions) : null;
        this.listenerLatency = sampleEvery > 0 ? new LatencyRecorder[compiled.size()] : null;
        if (listenerLatency != null) {
            for (int i = 0; i < listenerLatency.length; i++) {
                listenerLatency[i] = new LatencyRecorder();
            }
        }
        this.follower = settings.follower();
        this.ordinaryConsumers = ordinaryConsumers;
        this.routes = new Routes(listeners, counters, settings.errorHandler(),
                asyncSettings != null ? asyncSettings.consumers() : 0,
                asyncSettings != null ? new ContainedErrorHandler(asyncSettings.errorHandler()) : null,
                settings.pooling(), listenerLatency,
                sampleEvery, settings.observer(), follower);
        this.installedRoutes = routes.installed();
        this.statistics = new DispatchStatistics(routes, counters, async, listenerLatency);
    }

    /**
     * Delivers the event to the engine's listeners: to its class's synchronous listeners on the calling
     * thread, then into the ring for its asynchronous ones.
     *
     * @param event the event, never {@code null}
     * @throws io.zerogc.events.PublisherClosedException if the event has asynchronous listeners and
     *     asynchronous delivery is shut down
     * @throws io.zerogc.events.RingFullException if the ring is full under the {@code FAIL} policy
     */
    public void dispatch(Object event) {
        Route route = routeOf(event.getClass());
        route.published.increment();
        deliver(event, route);
    }

    /**
     * Delivers the event as {@link #dispatch} does, except that while asynchronous delivery is stopped or
     * shut down, the asynchronous listeners run on the calling thread instead of the event being refused:
     * for the events a framework publishes about the lifecycle itself (Spring publishes its
     * {@code ContextStoppedEvent} after the lifecycle beans, asynchronous delivery among them, stopped),
     * which every listener must get.
     *
     * @param event the event, never {@code null}; not a pooled container
     * @throws io.zerogc.events.RingFullException if the ring is full under the {@code FAIL} policy
     */
    public void dispatchEvenIfStopped(Object event) {
        Route route = routeOf(event.getClass());
        route.published.increment();
        route.sync.dispatch(event);
        if (route.asyncConsumers != 0) {
            async.enqueueOrRunIfStopped(event, route);
        }
    }

    /**
     * Delivers the event as {@link #dispatch} does, then hands it to the {@link EventFollower}, if it
     * follows the event's class: one route lookup for both.
     *
     * @param event the event, never {@code null}
     * @throws io.zerogc.events.PublisherClosedException as {@link #dispatch}
     * @throws io.zerogc.events.RingFullException as {@link #dispatch}
     */
    public void publish(Object event) {
        publish(event, routeOf(event.getClass()));
    }

    /**
     * Publishes an event that came in from outside the process (from a broker, say): as {@link #publish},
     * but to no relay listener ({@link ListenerDefinition#relay()}), so that it is never carried back
     * out.
     *
     * @param event the event, never {@code null}; not a pooled container (it was not borrowed here)
     * @throws io.zerogc.events.PublisherClosedException as {@link #dispatch}
     * @throws io.zerogc.events.RingFullException as {@link #dispatch}
     */
    public void publishReceived(Object event) {
        publish(event, routeOf(event.getClass()).received);
    }

    /** Counts, delivers and follows an event along one of its class's routes. */
    private void publish(Object event, Route route) {
        route.published.increment();
        if (route.syncOnly) { // one test for the common case
            route.sync.dispatch(event);
            return;
        }
        deliver(event, route);
        if (route.followed) { // never for a pooled class: its events may be back in their pool by now
            follower.follow(event);
        }
    }

    /** Synchronous listeners, then the ring; a pooled event is accounted for on the way. */
    private void deliver(Object event, Route route) {
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
     * Subscribes a listener at run time; see {@code ZeroGcEventPublisher#subscribe} for what it gets. It
     * runs after the compiled listeners on its thread, and after the subscriptions before it; an
     * asynchronous one runs on one consumer (subscriptions are spread over the consumers round-robin).
     * Publishers never wait for a subscription: each publish reads the subscribers its route was last
     * built with.
     *
     * @param <E> the type
     * @param type the events it takes: instances of this class or interface
     * @param delivery {@code DEFAULT} runs it as default listeners run: asynchronously when delivery is
     *     asynchronous
     * @param listener what to call
     * @return the subscription; closing it unsubscribes
     * @throws IllegalStateException if {@code delivery} is {@code ASYNC} without asynchronous delivery
     */
    public <E> Subscription subscribe(Class<E> type, Delivery delivery, Consumer<? super E> listener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(listener, "listener");
        if (delivery == Delivery.ASYNC && async == null) {
            throw new IllegalStateException("A subscription to " + type.getName() + " (" + listener.getClass().getName()
                    + ")" + ListenerCompiler.ASYNC_UNAVAILABLE + " (zerogc.events.async.enabled)");
        }
        return routes.subscribe(type, listener, async != null && delivery != Delivery.SYNC, ordinaryConsumers);
    }

    /**
     * Makes the engine ask its {@link EventFollower} again which classes it follows, for every class
     * published so far, on the calling thread: for when the follower's own listeners change. Publishers
     * keep their routes until the new answers are swapped in, so a publish before this method returns
     * may still see the old answer, and none allocates.
     */
    public void followerChanged() {
        routes.followerChanged();
    }

    /**
     * The class's route: the one the calling thread found last if it is of this class and still installed
     * (a load from the thread's slot and two comparisons), else one of the thread's other recent routes,
     * else the one in the table, which the thread's slot then keeps.
     */
    private Route routeOf(Class<?> eventClass) {
        int mine = ThreadSlots.mine();
        Route last = recentRoutes[mine];
        if (last != null && last.eventClass == eventClass && !last.stale) {
            return last;
        }
        return lookUp(eventClass, mine);
    }

    /**
     * The thread's other recent routes, then the table. A found route stays where it is (no write); one
     * looked up takes the first way, whose route moves where {@link ThreadSlots#keep} says.
     */
    private Route lookUp(Class<?> eventClass, int mine) {
        Route[] recent = recentRoutes;
        int way = 0; // the class's way, else the first empty one
        while (way < ThreadSlots.WAYS) {
            Route kept = recent[mine + way];
            if (kept == null) {
                break;
            }
            if (kept.eventClass == eventClass) {
                if (!kept.stale) {
                    return kept;
                }
                break;
            }
            way++;
        }
        Route route = installedRoutes.get(eventClass);
        if (route == null) {
            route = routes.install(eventClass);
        }
        ThreadSlots.keep(recent, mine, way, route); // if replaced meanwhile, it is marked stale
        return route;
    }

    /**
     * A pooled event holds one release per delivery path: the publishing thread's, plus one per consumer
     * it goes to. Whatever does not reach a consumer (a failure, a drop, caller-runs) is released here.
     */
    private void dispatchPooled(PooledEvent event, Route route) {
        if (route.asyncConsumers == 0) { // the publishing thread alone delivers it: no holds to count
            EventPool.beginSolePublish(event);
            try {
                route.sync.dispatch(event);
            }
            finally {
                EventPool.endSolePublish(event);
            }
            return;
        }
        EventPool.beginPublish(event, 1 + route.asyncConsumers);
        int unreleased = 1 + route.asyncConsumers;
        try {
            route.sync.dispatch(event);
            if (async.enqueue(event, route)) {
                unreleased = 1;
            }
        }
        finally {
            EventPool.release(event, unreleased);
        }
    }

    /**
     * Starts the consumer threads, if asynchronous delivery is on; after {@link #stop}, starts them again
     * where they left off. Events published before the first start wait in the ring.
     */
    public void start() {
        if (async != null) {
            async.start();
        }
    }

    /**
     * Stops asynchronous delivery for now: refuses further events for asynchronous listeners (with a
     * {@link PublisherClosedException}), delivers every event already accepted, then stops the consumer
     * threads. {@link #start()} resumes. Synchronous listeners are not affected.
     *
     * @param timeout how long to wait for the consumers to drain the ring
     * @return how many accepted events were not delivered to all their listeners within the timeout (0
     *     when all were); they stay in the ring for the next start
     * @throws InterruptedException if interrupted while waiting
     */
    public long stop(Duration timeout) throws InterruptedException {
        return async != null ? async.stop(timeout) : 0;
    }

    /**
     * Shuts asynchronous delivery down for good: as {@link #stop}, and a later {@link #start()} does
     * nothing.
     *
     * @param timeout how long to wait for the consumers to drain the ring
     * @return how many accepted events were not delivered within the timeout (0 when all were)
     * @throws InterruptedException if interrupted while waiting
     */
    public long close(Duration timeout) throws InterruptedException {
        return async != null ? async.close(timeout) : 0;
    }

    /**
     * What the last {@link #stop} or {@link #close} could not deliver, per event class.
     *
     * @return counts by class name, in descending count; a claimed slot never published counts under
     *     {@code "(not published)"}
     */
    public Map<String, Long> lastUndelivered() {
        if (async == null) {
            return Map.of();
        }
        Map<String, Long> byClass = new LinkedHashMap<>();
        async.lastUndelivered().entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                .forEach(entry -> byClass.put(entry.getKey() == AsyncDelivery.UNKNOWN_TYPE ? "(not published)"
                        : routes.nameOf(entry.getKey()), entry.getValue()));
        return byClass;
    }

    /**
     * Waits until every event accepted for asynchronous delivery before the call has been delivered by
     * every consumer.
     *
     * @param timeout how long to wait at most
     * @return {@code true} once delivered; {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitDelivery(Duration timeout) throws InterruptedException {
        return async == null || async.awaitDelivery(timeout);
    }

    /**
     * Takes listeners out for good (an application removing listeners from Spring's multicaster, say):
     * the routes are rebuilt without them, on the calling thread. A publish that starts before this
     * method returns may still reach them.
     *
     * @param which the listeners to remove
     * @return whether any listener was removed
     */
    public boolean removeListeners(Predicate<ListenerDefinition> which) {
        return routes.remove(which);
    }

    /**
     * All compiled listeners, in dispatch order, removed ones included.
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
        return routes.listenersFor(eventClass);
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

    /** The owner of this engine's routes. */
    Routes routes() {
        return routes;
    }

    /**
     * The statistics reader over this dispatcher's counters.
     *
     * @return the reader; reading allocates on the reading thread only
     */
    public DispatchStatistics statistics() {
        return statistics;
    }
}
