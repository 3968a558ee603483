package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.util.ClassTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The owner of an engine's {@link Route}s: builds each concrete event class's route the first time the
 * class is published, gives it its counter id, installs it for lock-free lookup, and invalidates what
 * a listener change makes stale.
 *
 * <p>Two tables. {@code built} holds every route built, in first-publish order, without the follower's
 * answer: it keeps type ids and is what statistics read. {@code installed} holds the routes publishers
 * look up, each with the follower's answer for its class; it is a copy-on-write table, so a lookup takes
 * no lock and, once the class is installed, allocates nothing. Publishing threads keep the route they
 * found last in a slot of their own ({@link io.zerogc.events.util.ThreadSlots}); a route taken out of
 * {@code installed} is marked {@link Route#stale} once its replacement is in, so that no slot answers
 * with it after the change returns.
 *
 * <p>One lock (this object) guards {@code built}, the routes being built and {@link #version}; one
 * staleness scheme: {@code version} is bumped whenever installed routes go stale (listeners removed, the
 * follower's interest changed), and a route built or asked about before a bump is never installed
 * after it. The thread that made the change then installs every built route again, asked anew, in one
 * swap; until the swap, publishers keep the routes they had, so a listener change costs them neither a
 * lock nor an allocation. Building (matching listeners, generating dispatcher classes) and asking the
 * follower (which may take locks of its own, a framework's listener registry) happen outside the lock,
 * so publishers of other classes are not held up; a thread that finds its class being built by another
 * waits for that one route rather than building a second.
 */
final class Routes {

    private final DispatchCounters counters;
    /** Failures of synchronous listeners; {@code null} when they propagate. */
    private final ListenerErrorHandler syncErrorHandler;
    /** Failures of asynchronous listeners, which cannot reach the publisher: always isolated. */
    private final ListenerErrorHandler asyncErrorHandler;
    private final int consumers;
    private final boolean pooling;
    /** Call time per listener id; {@code null} when latency sampling is off. */
    private final LatencyRecorder[] listenerLatency;
    private final int sampleEvery;
    /** Observes the timed (sampled) calls; {@code null} for none. */
    private final ListenerObserver observer;
    /** Where published events go after the listeners, for the classes it follows; {@code null} if none. */
    private final EventFollower follower;

    /** The listeners in force, in order; replaced (under the lock) when listeners are removed. */
    private volatile List<CompiledListener> listeners;
    private final ClassTable<Route> installed = new ClassTable<>();
    /** Guarded by this. */
    private final Map<Class<?>, Route> built = new LinkedHashMap<>();
    /** Routes being built, by class; guarded by this. */
    private final Map<Class<?>, CompletableFuture<Route>> building = new HashMap<>();
    /** The counter id the next new class gets; guarded by this. */
    private int nextType;
    /** Bumped when installed routes go stale; guarded by this. */
    private long version;
    private final List<Consumer<Class<?>>> typeObservers = new CopyOnWriteArrayList<>();
    /**
     * Every open subscription, in subscription order: a list linked through the subscribers themselves,
     * so that closing one takes it out in constant time, allocating nothing; guarded by this.
     */
    private final Subscriber.Chain subscriptions = new Subscriber.Chain();
    /** The number the next subscription gets; guarded by this. */
    private long nextSubscription = 1;
    /** Asynchronous subscriptions so far, which spread them over the consumers; guarded by this. */
    private long asyncSubscriptions;

    /**
     * @param consumers how many ring consumers there are, 0 without asynchronous delivery
     * @param asyncErrorHandler the handler of asynchronous failures, when {@code consumers > 0}
     */
    Routes(List<CompiledListener> listeners, DispatchCounters counters, ListenerErrorHandler syncErrorHandler,
            int consumers, ListenerErrorHandler asyncErrorHandler, boolean pooling, LatencyRecorder[] listenerLatency,
            int sampleEvery, ListenerObserver observer, EventFollower follower) {
        this.listeners = listeners;
        this.counters = counters;
        this.syncErrorHandler = syncErrorHandler;
        this.consumers = consumers;
        this.asyncErrorHandler = asyncErrorHandler;
        this.pooling = pooling;
        this.listenerLatency = listenerLatency;
        this.sampleEvery = sampleEvery;
        this.observer = observer;
        this.follower = follower;
    }

    /* --- Lookup: the publishing path --- */

    /** The route of a class: found in the installed table once the class has been published, else built. */
    Route routeOf(Class<?> eventClass) {
        Route route = installed.get(eventClass);
        return route != null ? route : install(eventClass);
    }

    /**
     * The table publishers look routes up in, for a caller that keeps it at hand (one load less per
     * publish) and calls {@link #install} on a miss. Only this owner writes it.
     */
    ClassTable<Route> installed() {
        return installed;
    }

    /* --- Building and installing --- */

    /**
     * Builds the class's route if no thread has yet, asks the follower about it, and installs it, unless
     * the routes went stale meanwhile: then it starts again from the rebuilt route.
     */
    Route install(Class<?> eventClass) {
        while (true) {
            long seen;
            Route route;
            CompletableFuture<Route> pending;
            int type = -1;
            synchronized (this) {
                seen = version;
                route = built.get(eventClass);
                pending = route == null ? building.get(eventClass) : null;
                if (route == null && pending == null) {
                    pending = new CompletableFuture<>();
                    building.put(eventClass, pending);
                    type = nextType++;
                    counters.ensureTypes(nextType);
                    counters.ensureListenerCounters(type);
                }
            }
            if (route == null) {
                if (type < 0) {
                    awaitBuilt(pending, eventClass);
                }
                else {
                    buildFirst(eventClass, type, pending, seen);
                }
                continue; // built: start again from it, with the version it was built under
            }
            Route followed = route.followed(follower != null && !route.pooled && follower.follows(eventClass));
            synchronized (this) {
                if (seen == version) {
                    return installed.putIfAbsent(eventClass, followed);
                }
            } // listeners were removed, or the follower's interest changed, meanwhile: again
        }
    }

    /**
     * Builds a class's route for the first time and records it; tells the type's observers, outside the
     * lock, once it is recorded.
     */
    private void buildFirst(Class<?> eventClass, int type, CompletableFuture<Route> pending, long seen) {
        Route route;
        try {
            List<CompiledListener> compiledFrom = listeners;
            Route.Compiled compiled = compile(eventClass, type, compiledFrom);
            synchronized (this) {
                if (compiledFrom != listeners) {
                    compiled = compile(eventClass, type, listeners); // listeners were removed meanwhile
                }
                route = assemble(eventClass, type, compiled); // with the subscriptions open now
                built.put(eventClass, route);
                building.remove(eventClass);
            }
        }
        catch (RuntimeException | Error ex) {
            synchronized (this) {
                building.remove(eventClass);
            }
            pending.completeExceptionally(ex);
            throw ex;
        }
        pending.complete(route);
        for (Consumer<Class<?>> observer : typeObservers) {
            observer.accept(eventClass);
        }
    }

    private static void awaitBuilt(CompletableFuture<Route> pending, Class<?> eventClass) {
        try {
            pending.join();
        }
        catch (CompletionException ex) {
            throw new IllegalStateException("Building the route of " + eventClass.getName() + " failed",
                    ex.getCause());
        }
    }

    /** The dispatchers of a class's listeners. */
    private Route.Compiled compile(Class<?> eventClass, int type, List<CompiledListener> listeners) {
        List<CompiledListener> matching = listenersFor(eventClass, listeners);
        Dispatcher sync = dispatcher(matching.stream().filter(l -> !l.isAsync()).toArray(CompiledListener[]::new),
                eventClass, type, syncErrorHandler);
        boolean relays = matching.stream().anyMatch(l -> l.definition().relay());
        int[][] observers = new int[consumers][];
        for (int consumer = 0; consumer < consumers; consumer++) {
            int k = consumer;
            observers[consumer] = matching.stream().filter(l -> l.consumer() == k && l.batchObserver() >= 0)
                    .mapToInt(CompiledListener::batchObserver).toArray();
        }
        return new Route.Compiled(sync, perConsumer(matching, eventClass, type, false),
                relays ? perConsumer(matching, eventClass, type, true) : null, observers);
    }

    /** A class's route from its compiled dispatchers and the open subscriptions that take it. Under the lock. */
    private Route assemble(Class<?> eventClass, int type, Route.Compiled compiled) {
        SubscriberLane[] async = new SubscriberLane[consumers];
        SubscriberLane[] received = compiled.asyncWithoutRelays() != null ? new SubscriberLane[consumers] : null;
        SubscriberLane sync = lane(compiled.sync(), eventClass, type, Subscriber.SYNC);
        for (int consumer = 0; consumer < consumers; consumer++) {
            async[consumer] = lane(compiled.async()[consumer], eventClass, type, consumer);
            if (received != null) {
                received[consumer] = lane(compiled.asyncWithoutRelays()[consumer], eventClass, type, consumer);
            }
        }
        return Route.of(eventClass, type, compiled, new Route.Lanes(sync, async, received),
                pooling && PooledEvent.class.isAssignableFrom(eventClass), counters);
    }

    /** The lane of a thread's open subscriptions that take the class, around its compiled dispatcher; {@code null} if none. */
    private SubscriberLane lane(Dispatcher compiled, Class<?> eventClass, int type, int consumer) {
        List<Subscriber> taking = new ArrayList<>();
        for (Subscriber subscriber = subscriptions.first(); subscriber != null; subscriber = subscriber.next()) {
            if (subscriber.consumer == consumer && subscriber.takes(eventClass)) {
                taking.add(subscriber);
            }
        }
        return taking.isEmpty() ? null : newLane(compiled, type, consumer, taking.toArray(new Subscriber[0]));
    }

    private SubscriberLane newLane(Dispatcher compiled, int type, int consumer, Subscriber[] subscribers) {
        return new SubscriberLane(compiled, subscribers, counters, type, consumer,
                consumer == Subscriber.SYNC ? syncErrorHandler : asyncErrorHandler);
    }

    /**
     * Each consumer's dispatcher of the matching asynchronous listeners, relays left out if asked. A
     * consumer whose only listeners of the class are relays still gets a dispatcher (of no listener) when
     * they are left out: it then passes received events as delivered, so that the type's delivered count,
     * the slowest concerned consumer's, counts them too.
     */
    private Dispatcher[] perConsumer(List<CompiledListener> matching, Class<?> eventClass, int type,
            boolean withoutRelays) {
        Dispatcher[] perConsumer = new Dispatcher[consumers];
        for (int consumer = 0; consumer < perConsumer.length; consumer++) {
            int k = consumer;
            List<CompiledListener> mine = matching.stream().filter(l -> l.consumer() == k).toList();
            CompiledListener[] assigned = mine.stream().filter(l -> !(withoutRelays && l.definition().relay()))
                    .toArray(CompiledListener[]::new);
            if (!mine.isEmpty()) {
                perConsumer[consumer] = dispatcher(assigned, eventClass, type, asyncErrorHandler);
            }
        }
        return perConsumer;
    }

    /**
     * A generated dispatcher where one can serve, an array loop for no listeners and for more than a
     * generated class holds. With latency sampling, a loop that times each call takes the sampled events
     * and the untimed dispatcher the rest; both count by type and listener id. The timed loop alone
     * tells the observer, if any, of its calls.
     */
    private Dispatcher dispatcher(CompiledListener[] listeners, Class<?> eventClass, int type,
            ListenerErrorHandler handler) {
        Dispatcher untimed = listeners.length == 0 || listeners.length > SpecializedDispatcherFactory.MAX_LISTENERS
                ? loop(listeners, type, handler, null, null)
                : SpecializedDispatcherFactory.create(listeners, counters, type, handler);
        if (listenerLatency == null || listeners.length == 0) {
            return untimed;
        }
        Dispatcher timed = loop(listeners, type, handler, listenerLatency,
                Dispatcher.observed(listeners, eventClass, observer));
        return sampleEvery == 1 ? timed : new Dispatcher.Sampling(untimed, timed, sampleEvery);
    }

    private Dispatcher loop(CompiledListener[] listeners, int type, ListenerErrorHandler handler,
            LatencyRecorder[] timers, Object[] observed) {
        return handler != null ? new Dispatcher.Isolating(listeners, counters, type, handler, timers, observer, observed)
                : new Dispatcher.Propagating(listeners, counters, type, timers, observer, observed);
    }

    /* --- Subscriptions --- */

    /**
     * Subscribes a listener, before this method returns, in the route of every class published so far
     * that it takes: in place, in the lane of its thread, or in a new route with a new lane where the
     * thread had none. Classes first published later get it when their route is built.
     *
     * @param async whether it runs on a consumer thread (spread over the {@code ordinaryConsumers})
     */
    synchronized Subscriber subscribe(Class<?> type, Consumer<?> listener, boolean async, int ordinaryConsumers) {
        int consumer = async ? (int) (asyncSubscriptions++ % ordinaryConsumers) : Subscriber.SYNC;
        Subscriber subscriber = new Subscriber(type, listener, consumer, nextSubscription++, this);
        counters.ensureSubscriberCounters();
        subscriptions.add(subscriber);
        boolean replaced = false;
        for (Map.Entry<Class<?>, Route> entry : built.entrySet()) {
            if (!subscriber.takes(entry.getKey())) {
                continue;
            }
            Route route = entry.getValue();
            Route.Lanes lanes = route.lanes;
            SubscriberLane lane = lanes.lane(consumer);
            if (lane != null) {
                lane.add(subscriber);
                if (consumer != Subscriber.SYNC && lanes.received() != null) {
                    lanes.received()[consumer].add(subscriber);
                }
            }
            else {
                Subscriber[] one = {subscriber};
                SubscriberLane added = newLane(consumer == Subscriber.SYNC ? route.compiled.sync()
                        : route.compiled.async()[consumer], route.type, consumer, one);
                SubscriberLane receivedLane = consumer == Subscriber.SYNC || lanes.received() == null ? null
                        : newLane(route.compiled.asyncWithoutRelays()[consumer], route.type, consumer, one);
                route = route.withLanes(lanes.with(consumer, added, receivedLane));
                entry.setValue(route);
                replaced = true; // built anew: an install under way, even of a class not installed yet, must see it
            }
            installInPlace(entry.getKey(), route);
        }
        if (replaced) {
            version++; // an install under way with an earlier route starts again from this one
        }
        return subscriber;
    }

    /**
     * Closes a subscription, before this method returns, in every route that holds it: in place, or in a
     * new route without the lane where it was its thread's last. Does nothing for one closed already.
     */
    synchronized void unsubscribe(Subscriber subscriber) {
        if (!subscriptions.remove(subscriber)) {
            return; // closed already
        }
        int consumer = subscriber.consumer;
        boolean replaced = false;
        for (Map.Entry<Class<?>, Route> entry : built.entrySet()) {
            Route route = entry.getValue();
            Route.Lanes lanes = route.lanes;
            SubscriberLane lane = lanes.lane(consumer);
            if (lane == null || !lane.remove(subscriber)) {
                continue;
            }
            if (consumer != Subscriber.SYNC && lanes.received() != null) {
                lanes.received()[consumer].remove(subscriber);
            }
            if (lane.live() == 0) { // the thread's last: back to the compiled listeners alone
                route = route.withLanes(lanes.with(consumer, null, null));
                entry.setValue(route);
                replaced = true; // as in subscribe
            }
            installInPlace(entry.getKey(), route);
        }
        if (replaced) {
            version++;
        }
    }

    /**
     * Makes the installed route of a class the given built one (with the follower's answer it had) unless
     * it already shares its lanes, which changed in place. Under the lock. A class not installed yet is
     * left to the install under way, which the caller's bump of the version sends back to the built route.
     */
    private void installInPlace(Class<?> eventClass, Route route) {
        Route current = installed.get(eventClass);
        if (current == null || current.lanes == route.lanes && current.compiled == route.compiled) {
            return;
        }
        installed.replace(eventClass, route.followed(current.followed));
        current.stale = true; // after the replacement: a thread that finds the mark finds the new route
    }

    /**
     * The open subscriptions that take a class.
     *
     * @return how many run on the publishing thread, and how many on consumers
     */
    synchronized int[] openSubscriptions(Class<?> eventClass) {
        int[] counts = new int[2];
        for (Subscriber subscriber = subscriptions.first(); subscriber != null; subscriber = subscriber.next()) {
            if (subscriber.takes(eventClass)) {
                counts[subscriber.isAsync() ? 1 : 0]++;
            }
        }
        return counts;
    }

    /** The types of the open subscriptions, in subscription order. */
    synchronized List<Class<?>> subscribedTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (Subscriber subscriber = subscriptions.first(); subscriber != null; subscriber = subscriber.next()) {
            types.add(subscriber.type);
        }
        return types;
    }

    /* --- Invalidation --- */

    /**
     * Takes listeners out for good: every route built so far is rebuilt without them, and installed again
     * as its class is next published (a rare, administrative operation, so under the lock).
     *
     * @return whether any listener was removed
     */
    boolean remove(Predicate<ListenerDefinition> which) {
        synchronized (this) {
            List<CompiledListener> remaining = listeners.stream().filter(l -> !which.test(l.definition())).toList();
            if (remaining.size() == listeners.size()) {
                return false;
            }
            listeners = remaining;
            for (Map.Entry<Class<?>, Route> entry : built.entrySet()) {
                int type = entry.getValue().type;
                entry.setValue(assemble(entry.getKey(), type, compile(entry.getKey(), type, remaining)));
            }
            version++;
        }
        reinstall();
        return true;
    }

    /** Makes every class published so far ask the follower again, now, on the calling thread. */
    void followerChanged() {
        if (follower != null) {
            synchronized (this) {
                version++;
            }
            reinstall();
        }
    }

    /**
     * Installs every built route again, each with the follower's answer asked now, all at once: the
     * thread that changed the listeners pays for it, and publishers keep finding their classes installed
     * (with the previous answer until the swap), so their path stays lock- and allocation-free. Starts
     * again if the routes went stale meanwhile.
     */
    private void reinstall() {
        while (true) {
            long seen;
            List<Class<?>> classes;
            List<Route> routes;
            synchronized (this) {
                seen = version;
                classes = new ArrayList<>(built.keySet());
                routes = new ArrayList<>(built.values());
            }
            List<Route> followed = new ArrayList<>(routes.size());
            for (int i = 0; i < routes.size(); i++) {
                Route route = routes.get(i);
                followed.add(route.followed(follower != null && !route.pooled && follower.follows(classes.get(i))));
            }
            synchronized (this) {
                if (seen == version) {
                    retire(installed.replaceAll(classes, followed), followed);
                    return;
                }
            }
        }
    }

    /** Marks the routes a swap took out of the table stale, those it kept (the same objects) aside. */
    private static void retire(List<Route> replaced, List<Route> installedNow) {
        Set<Route> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(installedNow);
        for (Route route : replaced) {
            if (!kept.contains(route)) {
                route.stale = true;
            }
        }
    }

    /* --- What statistics read --- */

    /** The class name of a type id, for reports; one no route has any more is named by its id. */
    synchronized String nameOf(int type) {
        for (Map.Entry<Class<?>, Route> entry : built.entrySet()) {
            if (entry.getValue().type == type) {
                return entry.getKey().getName();
            }
        }
        return "(event type #" + type + ")";
    }

    /** The listeners in force, in order. */
    List<CompiledListener> listeners() {
        return listeners;
    }

    /** The listeners in force that an event of the class reaches, in order. */
    List<CompiledListener> listenersFor(Class<?> eventClass) {
        return listenersFor(eventClass, listeners);
    }

    private static List<CompiledListener> listenersFor(Class<?> eventClass, List<CompiledListener> listeners) {
        return listeners.stream().filter(l -> l.definition().eventType().isAssignableFrom(eventClass)).toList();
    }

    /** Every route built so far, in first-publish order. */
    synchronized List<Route> built() {
        return new ArrayList<>(built.values());
    }

    /** The route built for a class, or {@code null} if it was never published. */
    synchronized Route built(Class<?> eventClass) {
        return built.get(eventClass);
    }

    /**
     * Tells an observer about each class the first time it is published, on the publishing thread; at
     * once about those published before.
     */
    synchronized void onNewEventType(Consumer<Class<?>> observer) {
        typeObservers.add(observer);
        built.keySet().forEach(observer);
    }
}
