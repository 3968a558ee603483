package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
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
 * Builds the {@link Route} of each concrete event class the first time it is published, gives it its
 * counter id, and remembers every route built, in first-publish order, for statistics.
 */
final class RouteTable {

    /** The listeners in force, in order; replaced (under the lock) when listeners are removed. */
    private volatile List<CompiledListener> listeners;
    private final DispatchCounters counters;
    private final ListenerErrorHandler errorHandler;
    private final AsyncDelivery async;
    private final boolean pooling;
    private final LatencyRecorder[] listenerLatency;
    private final int sampleEvery;
    /** Guarded by itself. */
    private final Map<Class<?>, Route> known = new LinkedHashMap<>();
    /** The counter id the next new class gets; guarded by {@link #known}. */
    private int nextType;
    /** Routes being built, by class; guarded by {@link #known}. */
    private final Map<Class<?>, Building> inProgress = new HashMap<>();
    private final List<Consumer<Class<?>>> typeObservers = new CopyOnWriteArrayList<>();

    RouteTable(List<CompiledListener> listeners, DispatchCounters counters, ListenerErrorHandler errorHandler,
            AsyncDelivery async, boolean pooling, LatencyRecorder[] listenerLatency, int sampleEvery) {
        this.listeners = listeners;
        this.counters = counters;
        this.errorHandler = errorHandler;
        this.async = async;
        this.pooling = pooling;
        this.listenerLatency = listenerLatency;
        this.sampleEvery = sampleEvery;
    }

    /** The listeners an event of the class reaches, in order. */
    List<CompiledListener> listenersFor(Class<?> eventClass) {
        return listenersFor(eventClass, listeners);
    }

    private static List<CompiledListener> listenersFor(Class<?> eventClass, List<CompiledListener> listeners) {
        return listeners.stream().filter(l -> l.definition().eventType().isAssignableFrom(eventClass)).toList();
    }

    /** The listeners in force, in order. */
    List<CompiledListener> listeners() {
        return listeners;
    }

    /**
     * Takes listeners out for good: every route built so far is rebuilt without them (a rare, administrative
     * operation, so under the table's lock).
     *
     * @return whether any listener was removed
     */
    boolean remove(Predicate<ListenerDefinition> which) {
        synchronized (known) {
            List<CompiledListener> remaining = listeners.stream().filter(l -> !which.test(l.definition())).toList();
            if (remaining.size() == listeners.size()) {
                return false;
            }
            listeners = remaining;
            for (Map.Entry<Class<?>, Route> entry : known.entrySet()) {
                entry.setValue(buildRoute(entry.getKey(), entry.getValue().type, remaining));
            }
            return true;
        }
    }

    /** Every route built so far, in first-publish order. */
    List<Route> routes() {
        synchronized (known) {
            return new ArrayList<>(known.values());
        }
    }

    /** The route of a class, or {@code null} if it was never published. */
    Route knownRoute(Class<?> eventClass) {
        synchronized (known) {
            return known.get(eventClass);
        }
    }

    void onNewEventType(Consumer<Class<?>> observer) {
        synchronized (known) {
            typeObservers.add(observer);
            known.keySet().forEach(observer);
        }
    }

    /**
     * The class's route, built once. Building (matching listeners, generating dispatcher classes) happens
     * outside the table's lock, so publishers of other classes are not held up; a thread that finds the
     * class being built by another waits for that one route rather than building a second. Observers of
     * new types are told after the route is installed, outside the lock.
     */
    Route routeFor(Class<?> eventClass) {
        Building building;
        boolean builder = false;
        synchronized (known) {
            Route route = known.get(eventClass);
            if (route != null) {
                return route;
            }
            building = inProgress.get(eventClass);
            if (building == null) {
                building = new Building(nextType++);
                counters.ensureTypes(nextType);
                inProgress.put(eventClass, building);
                builder = true;
            }
        }
        if (!builder) {
            return building.await(eventClass);
        }
        Route route;
        List<CompiledListener> basis = listeners;
        try {
            route = buildRoute(eventClass, building.type, basis);
        }
        catch (RuntimeException | Error ex) {
            synchronized (known) {
                inProgress.remove(eventClass);
            }
            building.fail(ex);
            throw ex;
        }
        synchronized (known) {
            if (basis != listeners) {
                route = buildRoute(eventClass, building.type, listeners); // listeners were removed meanwhile
            }
            known.put(eventClass, route);
            inProgress.remove(eventClass);
        }
        building.complete(route);
        for (Consumer<Class<?>> observer : typeObservers) {
            observer.accept(eventClass);
        }
        return route;
    }

    /** A route some thread is building; others wait for it. */
    private static final class Building {

        final int type;
        private final CompletableFuture<Route> result = new CompletableFuture<>();

        Building(int type) {
            this.type = type;
        }

        void complete(Route route) {
            result.complete(route);
        }

        void fail(Throwable failure) {
            result.completeExceptionally(failure);
        }

        Route await(Class<?> eventClass) {
            try {
                return result.join();
            }
            catch (CompletionException ex) {
                throw new IllegalStateException("Building the route of " + eventClass.getName() + " failed",
                        ex.getCause());
            }
        }
    }

    private Route buildRoute(Class<?> eventClass, int type, List<CompiledListener> listeners) {
        List<CompiledListener> matching = listenersFor(eventClass, listeners);
        Dispatcher sync = syncDispatcher(matching.stream().filter(l -> !l.isAsync())
                .toArray(CompiledListener[]::new), type);
        Route route = new Route(eventClass, type, sync, perConsumer(matching, type, false),
                pooling && PooledEvent.class.isAssignableFrom(eventClass), counters);
        return matching.stream().anyMatch(l -> l.definition().relay())
                ? route.withReceived(perConsumer(matching, type, true)) : route;
    }

    /** Each consumer's dispatcher of the matching asynchronous listeners, relays left out if asked. */
    private Dispatcher[] perConsumer(List<CompiledListener> matching, int type, boolean withoutRelays) {
        Dispatcher[] perConsumer = new Dispatcher[async != null ? async.consumers().length : 0];
        for (int consumer = 0; consumer < perConsumer.length; consumer++) {
            int k = consumer;
            CompiledListener[] assigned = matching.stream()
                    .filter(l -> l.consumer() == k && !(withoutRelays && l.definition().relay()))
                    .toArray(CompiledListener[]::new);
            if (assigned.length > 0) {
                // Failures of asynchronous listeners cannot reach the publisher: always isolated.
                perConsumer[consumer] = dispatcher(assigned, type, async.errorHandler());
            }
        }
        return perConsumer;
    }

    private Dispatcher syncDispatcher(CompiledListener[] matching, int type) {
        return dispatcher(matching, type, errorHandler);
    }

    /**
     * A generated dispatcher where one can serve, an array loop for no listeners and for more than a
     * generated class holds. With latency sampling, a loop that times each call takes the sampled events
     * and shares the counters of the untimed dispatcher, which takes the rest.
     */
    private Dispatcher dispatcher(CompiledListener[] listeners, int type, ListenerErrorHandler handler) {
        Dispatcher untimed = listeners.length == 0 || listeners.length > SpecializedDispatcherFactory.MAX_LISTENERS
                ? loop(listeners, type, handler, null, null)
                : SpecializedDispatcherFactory.create(listeners, counters, type, handler);
        if (listenerLatency == null || listeners.length == 0) {
            return untimed;
        }
        Dispatcher timed = loop(listeners, type, handler, listenerLatency, untimed);
        return sampleEvery == 1 ? timed : new Dispatcher.Sampling(untimed, timed, sampleEvery);
    }

    private Dispatcher loop(CompiledListener[] listeners, int type, ListenerErrorHandler handler,
            LatencyRecorder[] timers, Dispatcher countersOf) {
        return handler != null ? new Dispatcher.Isolating(listeners, counters, type, handler, timers, countersOf)
                : new Dispatcher.Propagating(listeners, counters, type, timers, countersOf);
    }
}
