package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * The synchronous engine: compiles a fixed set of listeners once, then delivers events to them.
 *
 * <p>Per concrete event class, the listeners whose parameter type the class is assignable to
 * (its superclasses and interfaces included) form one ordered array, built on the first event of that
 * class and cached in a {@link ClassValue}; later events of the class cost a lock-free lookup and the
 * direct calls, and allocate nothing. A class with no listener costs the lookup alone.
 *
 * <p>Listeners run in ascending order; equal orders keep the order in which the definitions were
 * given. Instances are immutable after construction and safe to use from any number of threads.
 */
public final class EventDispatcher {

    private final List<CompiledListener> listeners;
    private final AtomicLongArray failures;
    private final ListenerErrorHandler errorHandler;
    private final ClassValue<Dispatcher> dispatchers = new ClassValue<>() {
        @Override
        protected Dispatcher computeValue(Class<?> eventClass) {
            return dispatcherFor(eventClass);
        }
    };

    /**
     * Validates and compiles the listeners.
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
        List<String> problems = new ArrayList<>();
        for (ListenerDefinition definition : definitions) {
            String problem = ListenerCompiler.problemWith(definition, false);
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
        for (ListenerDefinition definition : ordered) {
            compiled.add(new CompiledListener(compiled.size(), definition, compiler.compile(definition, sink)));
        }
        this.listeners = List.copyOf(compiled);
        this.failures = new AtomicLongArray(compiled.size());
        this.errorHandler = errorHandler;
    }

    /**
     * Delivers the event to its class's listeners on the calling thread.
     *
     * @param event the event, never {@code null}
     */
    public void dispatch(Object event) {
        dispatchers.get(event.getClass()).dispatch(event);
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
     * @return the matching listeners
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

    /** The dispatcher serving one event class; for tests. */
    Dispatcher dispatcherOf(Class<?> eventClass) {
        return dispatchers.get(eventClass);
    }

    private Dispatcher dispatcherFor(Class<?> eventClass) {
        CompiledListener[] matching = listenersFor(eventClass).toArray(CompiledListener[]::new);
        if (errorHandler != null) {
            return new Dispatcher.Isolating(matching, failures, errorHandler);
        }
        if (matching.length == 0 || matching.length > SpecializedDispatcherFactory.MAX_LISTENERS) {
            return new Dispatcher.Propagating(matching, failures);
        }
        return SpecializedDispatcherFactory.create(matching, failures);
    }
}
