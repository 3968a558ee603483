package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.util.ClassTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * no lock and, once the class is installed, allocates nothing.
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
     * @param consumers how many ring consumers there are, 0 without asynchronous delivery
     * @param asyncErrorHandler the handler of asynchronous failures, when {@code consumers > 0}
     */
    Routes(List<CompiledListener> listeners, DispatchCounters counters, ListenerErrorHandler syncErrorHandler,
            int consumers, ListenerErrorHandler asyncErrorHandler, boolean pooling, LatencyRecorder[] listenerLatency,
            int sampleEvery, EventFollower follower) {
        this.listeners = listeners;
        this.counters = counters;
        this.syncErrorHandler = syncErrorHandler;
        this.consumers = consumers;
        this.asyncErrorHandler = asyncErrorHandler;
        this.pooling = pooling;
        this.listenerLatency = listenerLatency;
        this.sampleEvery = sampleEvery;
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
            route = build(eventClass, type, listeners);
        }
        catch (RuntimeException | Error ex) {
            synchronized (this) {
                building.remove(eventClass);
            }
            pending.completeExceptionally(ex);
            throw ex;
        }
        synchronized (this) {
            if (seen != version) {
                route = build(eventClass, type, listeners); // listeners may have been removed meanwhile
            }
            built.put(eventClass, route);
            building.remove(eventClass);
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

    private Route build(Class<?> eventClass, int type, List<CompiledListener> listeners) {
        List<CompiledListener> matching = listenersFor(eventClass, listeners);
        Dispatcher sync = dispatcher(matching.stream().filter(l -> !l.isAsync()).toArray(CompiledListener[]::new),
                type, syncErrorHandler);
        Route route = new Route(eventClass, type, sync, perConsumer(matching, type, false),
                pooling && PooledEvent.class.isAssignableFrom(eventClass), counters);
        return matching.stream().anyMatch(l -> l.definition().relay())
                ? route.withReceived(perConsumer(matching, type, true)) : route;
    }

    /**
     * Each consumer's dispatcher of the matching asynchronous listeners, relays left out if asked. A
     * consumer whose only listeners of the class are relays still gets a dispatcher (of no listener) when
     * they are left out: it then passes received events as delivered, so that the type's delivered count,
     * the slowest concerned consumer's, counts them too.
     */
    private Dispatcher[] perConsumer(List<CompiledListener> matching, int type, boolean withoutRelays) {
        Dispatcher[] perConsumer = new Dispatcher[consumers];
        for (int consumer = 0; consumer < perConsumer.length; consumer++) {
            int k = consumer;
            List<CompiledListener> mine = matching.stream().filter(l -> l.consumer() == k).toList();
            CompiledListener[] assigned = mine.stream().filter(l -> !(withoutRelays && l.definition().relay()))
                    .toArray(CompiledListener[]::new);
            if (!mine.isEmpty()) {
                perConsumer[consumer] = dispatcher(assigned, type, asyncErrorHandler);
            }
        }
        return perConsumer;
    }

    /**
     * A generated dispatcher where one can serve, an array loop for no listeners and for more than a
     * generated class holds. With latency sampling, a loop that times each call takes the sampled events
     * and the untimed dispatcher the rest; both count by type and listener id.
     */
    private Dispatcher dispatcher(CompiledListener[] listeners, int type, ListenerErrorHandler handler) {
        Dispatcher untimed = listeners.length == 0 || listeners.length > SpecializedDispatcherFactory.MAX_LISTENERS
                ? loop(listeners, type, handler, null)
                : SpecializedDispatcherFactory.create(listeners, counters, type, handler);
        if (listenerLatency == null || listeners.length == 0) {
            return untimed;
        }
        Dispatcher timed = loop(listeners, type, handler, listenerLatency);
        return sampleEvery == 1 ? timed : new Dispatcher.Sampling(untimed, timed, sampleEvery);
    }

    private Dispatcher loop(CompiledListener[] listeners, int type, ListenerErrorHandler handler,
            LatencyRecorder[] timers) {
        return handler != null ? new Dispatcher.Isolating(listeners, counters, type, handler, timers)
                : new Dispatcher.Propagating(listeners, counters, type, timers);
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
                entry.setValue(build(entry.getKey(), entry.getValue().type, remaining));
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
                    installed.replaceAll(classes, followed);
                    return;
                }
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
