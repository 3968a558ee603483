package io.zerogc.events.dispatch;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ring.RingBuffer;
import io.zerogc.events.ring.RingConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
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
    private final AtomicLongArray failures;
    private final ListenerErrorHandler errorHandler;
    private final AsyncDelivery async;
    private final Dispatcher none;
    private final ClassValue<Route> routes = new ClassValue<>() {
        @Override
        protected Route computeValue(Class<?> eventClass) {
            return routeFor(eventClass);
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
        this.failures = new AtomicLongArray(compiled.size());
        this.errorHandler = errorHandler;
        this.async = asyncSettings != null ? new AsyncDelivery(asyncSettings) : null;
        this.none = new Dispatcher.Propagating(new CompiledListener[0], failures);
    }

    /**
     * Delivers the event: to its class's synchronous listeners on the calling thread, then into the
     * ring for its asynchronous ones.
     *
     * @param event the event, never {@code null}
     * @throws io.zerogc.events.ring.PublisherClosedException if the event has asynchronous listeners and
     *     asynchronous delivery is shut down
     * @throws io.zerogc.events.ring.RingFullException if the ring is full under the {@code FAIL} policy
     */
    public void dispatch(Object event) {
        Route route = routes.get(event.getClass());
        route.sync.dispatch(event);
        if (route.asyncConsumers != 0) {
            async.enqueue(event, route);
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
        return listeners.stream().filter(l -> l.definition().eventType().isAssignableFrom(eventClass)).toList();
    }

    /**
     * How often a listener has thrown.
     *
     * @param listener the listener's id
     * @return its failure count since startup
     */
    public long failures(int listener) {
        return failures.get(listener);
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
     * @return the count
     */
    public long dropped() {
        return async != null ? async.dropped() : 0;
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

    private Route routeFor(Class<?> eventClass) {
        List<CompiledListener> matching = listenersFor(eventClass);
        Dispatcher sync = syncDispatcher(matching.stream().filter(l -> !l.isAsync())
                .toArray(CompiledListener[]::new));
        Dispatcher[] perConsumer = new Dispatcher[async != null ? async.consumers().length : 0];
        for (int consumer = 0; consumer < perConsumer.length; consumer++) {
            int k = consumer;
            CompiledListener[] assigned = matching.stream().filter(l -> l.consumer() == k)
                    .toArray(CompiledListener[]::new);
            if (assigned.length > 0) {
                // Failures of asynchronous listeners cannot reach the publisher: always isolated.
                perConsumer[consumer] = new Dispatcher.Isolating(assigned, failures,
                        async.errorHandler());
            }
        }
        return new Route(sync, perConsumer);
    }

    private Dispatcher syncDispatcher(CompiledListener[] matching) {
        if (matching.length == 0) {
            return none;
        }
        if (errorHandler != null) {
            return new Dispatcher.Isolating(matching, failures, errorHandler);
        }
        if (matching.length > SpecializedDispatcherFactory.MAX_LISTENERS) {
            return new Dispatcher.Propagating(matching, failures);
        }
        return SpecializedDispatcherFactory.create(matching, failures);
    }
}
