package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Builds the {@link Route} of each concrete event class the first time it is published, gives it its
 * counter id, and remembers every route built, in first-publish order, for statistics.
 */
final class RouteTable {

    private final List<CompiledListener> listeners;
    private final DispatchCounters counters;
    private final ListenerErrorHandler errorHandler;
    private final AsyncDelivery async;
    private final boolean pooling;
    private final LatencyRecorder[] listenerLatency;
    /** Guarded by itself. */
    private final Map<Class<?>, Route> known = new LinkedHashMap<>();
    private final List<Consumer<Class<?>>> typeObservers = new CopyOnWriteArrayList<>();

    RouteTable(List<CompiledListener> listeners, DispatchCounters counters, ListenerErrorHandler errorHandler,
            AsyncDelivery async, boolean pooling, LatencyRecorder[] listenerLatency) {
        this.listeners = listeners;
        this.counters = counters;
        this.errorHandler = errorHandler;
        this.async = async;
        this.pooling = pooling;
        this.listenerLatency = listenerLatency;
    }

    /** The listeners an event of the class reaches, in order. */
    List<CompiledListener> listenersFor(Class<?> eventClass) {
        return listeners.stream().filter(l -> l.definition().eventType().isAssignableFrom(eventClass)).toList();
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

    Route routeFor(Class<?> eventClass) {
        Route route;
        synchronized (known) {
            // ClassValue may compute twice in a race; the first route built wins and is reused.
            route = known.get(eventClass);
            if (route != null) {
                return route;
            }
            int type = Math.min(known.size(), DispatchCounters.MAX_TYPES - 1);
            route = buildRoute(eventClass, type);
            known.put(eventClass, route);
            for (Consumer<Class<?>> observer : typeObservers) {
                observer.accept(eventClass);
            }
        }
        return route;
    }

    private Route buildRoute(Class<?> eventClass, int type) {
        List<CompiledListener> matching = listenersFor(eventClass);
        Dispatcher sync = syncDispatcher(matching.stream().filter(l -> !l.isAsync())
                .toArray(CompiledListener[]::new), type);
        Dispatcher[] perConsumer = new Dispatcher[async != null ? async.consumers().length : 0];
        for (int consumer = 0; consumer < perConsumer.length; consumer++) {
            int k = consumer;
            CompiledListener[] assigned = matching.stream().filter(l -> l.consumer() == k)
                    .toArray(CompiledListener[]::new);
            if (assigned.length > 0) {
                // Failures of asynchronous listeners cannot reach the publisher: always isolated.
                perConsumer[consumer] = dispatcher(assigned, type, async.errorHandler());
            }
        }
        return new Route(eventClass, type, sync, perConsumer, pooling && PooledEvent.class.isAssignableFrom(eventClass));
    }

    private Dispatcher syncDispatcher(CompiledListener[] matching, int type) {
        return dispatcher(matching, type, errorHandler);
    }

    /**
     * A generated dispatcher where one can serve; an array loop for no listeners, for more than a generated
     * class holds, and when latency sampling times each call.
     */
    private Dispatcher dispatcher(CompiledListener[] listeners, int type, ListenerErrorHandler handler) {
        if (listeners.length == 0 || listeners.length > SpecializedDispatcherFactory.MAX_LISTENERS
                || listenerLatency != null) {
            return handler != null ? new Dispatcher.Isolating(listeners, counters, type, handler, listenerLatency)
                    : new Dispatcher.Propagating(listeners, counters, type, listenerLatency);
        }
        return SpecializedDispatcherFactory.create(listeners, counters, type, handler);
    }
}
