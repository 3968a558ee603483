package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.util.Sampler;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * The fixed, ordered listeners of one concrete event class and the code that calls them. The error
 * policy is chosen by subclass when the dispatcher is built, so the calls carry no branch for it.
 * Subclasses: {@link Propagating} and {@link Isolating} loop over an invoker array; the ones
 * {@link SpecializedDispatcherFactory} generates call each listener from a call site of its own.
 */
abstract class Dispatcher {

    final DispatchCounters counters;
    /** The event type's id, to count by type. */
    final int type;
    /** Listener ids by position; failures and skipped calls are counted by type and id. */
    final int[] ids;

    /** Takes over failures when isolating; {@code null} when failures propagate. */
    final ListenerErrorHandler handler;
    /** Listener names by position, for the handler; {@code null} when failures propagate. */
    final String[] names;

    Dispatcher(DispatchCounters counters, int type, int[] ids) {
        this(counters, type, ids, null, null);
    }

    Dispatcher(DispatchCounters counters, int type, int[] ids, ListenerErrorHandler handler, String[] names) {
        this.counters = counters;
        this.type = type;
        this.ids = ids;
        this.handler = handler;
        this.names = names;
    }

    /**
     * Counts the failure of the listener at {@code position} and hands it to the error handler; dispatch
     * goes on with the next listener unless the handler rethrows. Generated isolating code calls it.
     */
    final void isolated(int position, Throwable error, Object event) {
        listenerFailed(position);
        try {
            handler.handleError(error, event, names[position]);
        }
        catch (RuntimeException | Error rethrown) {
            abort(position);
            throw rethrown;
        }
    }

    abstract void dispatch(Object event);

    /**
     * Counts the failure of the listener at {@code position}, which ends this dispatch, and returns
     * what to throw: the failure itself when unchecked, else wrapped so callers see it declared.
     * Generated code calls it.
     */
    final Throwable failed(int position, Throwable error) {
        listenerFailed(position);
        abort(position);
        return error instanceof RuntimeException || error instanceof Error ? error
                : new UndeclaredThrowableException(error);
    }

    final void listenerFailed(int position) {
        counters.countListenerFailure(type, ids[position]);
    }

    /** Counts a dispatch ended at {@code position}: the listeners after it are skipped. */
    final void abort(int position) {
        counters.countAborted(type);
        for (int later = position + 1; later < ids.length; later++) {
            counters.countSkipped(type, ids[later]);
        }
    }

    static int[] ids(CompiledListener[] listeners) {
        int[] ids = new int[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            ids[i] = listeners[i].id();
        }
        return ids;
    }

    /** Per position, the recorder of each listener's call time; {@code null} when sampling is off. */
    static LatencyRecorder[] timers(CompiledListener[] listeners, LatencyRecorder[] byListenerId) {
        if (byListenerId == null) {
            return null;
        }
        LatencyRecorder[] timers = new LatencyRecorder[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            timers[i] = byListenerId[listeners[i].id()];
        }
        return timers;
    }

    /**
     * Per position, what the observer prepares for each listener's calls of the class; {@code null}
     * without an observer.
     */
    static Object[] observed(CompiledListener[] listeners, Class<?> eventClass, ListenerObserver observer) {
        if (observer == null) {
            return null;
        }
        Object[] observed = new Object[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            observed[i] = observer.prepare(eventClass, listeners[i].name());
        }
        return observed;
    }

    static String[] names(CompiledListener[] listeners) {
        String[] names = new String[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            names[i] = listeners[i].name();
        }
        return names;
    }

    static ListenerInvoker[] invokers(CompiledListener[] listeners) {
        ListenerInvoker[] invokers = new ListenerInvoker[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            invokers[i] = listeners[i].invoker();
        }
        return invokers;
    }

    /**
     * Spring's policy over an invoker array: the first failure reaches the publisher and the remaining
     * listeners are skipped.
     */
    static final class Propagating extends Dispatcher {

        private final ListenerInvoker[] invokers;
        private final LatencyRecorder[] timers;
        private final ListenerObserver observer;
        /** Per position, what the observer prepared; {@code null} when timed calls are not observed. */
        private final Object[] observed;

        Propagating(CompiledListener[] listeners, DispatchCounters counters, int type, LatencyRecorder[] timers,
                ListenerObserver observer, Object[] observed) {
            super(counters, type, ids(listeners), null, null);
            this.invokers = invokers(listeners);
            this.timers = timers(listeners, timers);
            this.observer = observer;
            this.observed = observed;
        }

        @Override
        void dispatch(Object event) {
            ListenerInvoker[] invokers = this.invokers;
            LatencyRecorder[] timers = this.timers;
            int i = 0;
            try {
                if (timers == null) {
                    for (; i < invokers.length; i++) {
                        invokers[i].onEvent(event);
                    }
                }
                else {
                    Object[] observed = this.observed;
                    for (; i < invokers.length; i++) {
                        Object observation = observed != null ? observer.start(observed[i]) : null;
                        long start = System.nanoTime(); // the call's time, not the observation's
                        Throwable failure = null;
                        try {
                            invokers[i].onEvent(event);
                        }
                        catch (Throwable ex) {
                            failure = ex;
                            throw ex;
                        }
                        finally {
                            timers[i].record(System.nanoTime() - start);
                            if (observed != null) {
                                observer.end(observation, failure);
                            }
                        }
                    }
                }
            }
            catch (Throwable ex) {
                throw sneaky(failed(i, ex));
            }
        }
    }

    /**
     * Every listener runs; each failure is counted and handed to the error handler, which may rethrow.
     */
    static final class Isolating extends Dispatcher {

        private final ListenerInvoker[] invokers;
        private final LatencyRecorder[] timers;
        private final ListenerObserver observer;
        /** Per position, what the observer prepared; {@code null} when timed calls are not observed. */
        private final Object[] observed;

        Isolating(CompiledListener[] listeners, DispatchCounters counters, int type, ListenerErrorHandler handler,
                LatencyRecorder[] timers, ListenerObserver observer, Object[] observed) {
            super(counters, type, ids(listeners), handler, names(listeners));
            this.invokers = invokers(listeners);
            this.timers = timers(listeners, timers);
            this.observer = observer;
            this.observed = observed;
        }

        @Override
        void dispatch(Object event) {
            ListenerInvoker[] invokers = this.invokers;
            LatencyRecorder[] timers = this.timers;
            Object[] observed = this.observed;
            for (int i = 0; i < invokers.length; i++) {
                Object observation = observed != null ? observer.start(observed[i]) : null;
                long start = timers != null ? System.nanoTime() : 0; // the call's time, not the observation's
                Throwable failure = null;
                try {
                    invokers[i].onEvent(event);
                }
                catch (Throwable ex) {
                    failure = ex;
                    isolated(i, ex, event); // inside the observation: the handler's log lines carry its trace
                }
                finally {
                    if (timers != null) {
                        timers[i].record(System.nanoTime() - start);
                    }
                    if (observed != null) {
                        observer.end(observation, failure);
                    }
                }
            }
        }
    }

    /**
     * Latency sampling: one event in {@code every} goes to a dispatcher that times each call, the others
     * to the untimed one; both count by type and listener id, so statistics see one dispatcher.
     */
    static final class Sampling extends Dispatcher {

        private final Dispatcher untimed;
        private final Dispatcher timed;
        private final Sampler sampler;

        Sampling(Dispatcher untimed, Dispatcher timed, int every) {
            super(untimed.counters, untimed.type, untimed.ids, untimed.handler, untimed.names);
            this.untimed = untimed;
            this.timed = timed;
            this.sampler = new Sampler(every);
        }

        @Override
        void dispatch(Object event) {
            if (sampler.next()) {
                timed.dispatch(event);
            }
            else {
                untimed.dispatch(event);
            }
        }
    }

    /** Rethrows an unchecked throwable as {@link #failed} returns it, without a cast per type. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneaky(Throwable error) throws T {
        throw (T) error;
    }
}
