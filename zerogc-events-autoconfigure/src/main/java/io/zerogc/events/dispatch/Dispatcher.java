package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fixed, ordered listeners of one concrete event class and the code that calls them. The error
 * policy is chosen by subclass when the dispatcher is built, so the calls carry no branch for it.
 * Subclasses: {@link Propagating} and {@link Isolating} loop over an invoker array; the ones
 * {@link SpecializedDispatcherFactory} generates call each listener from a call site of its own.
 */
abstract class Dispatcher {

    /** Listener ids by position, to count failures. */
    final int[] ids;
    final AtomicLongArray failures;

    Dispatcher(int[] ids, AtomicLongArray failures) {
        this.ids = ids;
        this.failures = failures;
    }

    abstract void dispatch(Object event);

    /**
     * Counts the failure of the listener at {@code position} and returns what to throw: the failure
     * itself when unchecked, else wrapped so callers see it declared. Generated code calls it.
     */
    final Throwable failed(int position, Throwable error) {
        failures.incrementAndGet(ids[position]);
        return error instanceof RuntimeException || error instanceof Error ? error
                : new UndeclaredThrowableException(error);
    }

    static int[] ids(CompiledListener[] listeners) {
        int[] ids = new int[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            ids[i] = listeners[i].id();
        }
        return ids;
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

        Propagating(CompiledListener[] listeners, AtomicLongArray failures) {
            super(ids(listeners), failures);
            this.invokers = invokers(listeners);
        }

        @Override
        void dispatch(Object event) {
            ListenerInvoker[] invokers = this.invokers;
            int i = 0;
            try {
                for (; i < invokers.length; i++) {
                    invokers[i].onEvent(event);
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
        private final ListenerErrorHandler handler;
        private final String[] names;

        Isolating(CompiledListener[] listeners, AtomicLongArray failures, ListenerErrorHandler handler) {
            super(ids(listeners), failures);
            this.invokers = invokers(listeners);
            this.handler = handler;
            this.names = new String[listeners.length];
            for (int i = 0; i < listeners.length; i++) {
                names[i] = listeners[i].name();
            }
        }

        @Override
        void dispatch(Object event) {
            ListenerInvoker[] invokers = this.invokers;
            for (int i = 0; i < invokers.length; i++) {
                try {
                    invokers[i].onEvent(event);
                }
                catch (Throwable ex) {
                    failures.incrementAndGet(ids[i]);
                    handler.handleError(ex, event, names[i]);
                }
            }
        }
    }

    /** Rethrows an unchecked throwable as {@link #failed} returns it, without a cast per type. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable error) throws T {
        throw (T) error;
    }
}
