package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fixed, ordered listeners of one concrete event class and the loop that calls them. The error
 * policy is chosen by subclass when the dispatcher is built, so the loop carries no branch for it.
 */
abstract class Dispatcher {

    final ListenerInvoker[] invokers;
    final int[] ids;
    final AtomicLongArray failures;

    Dispatcher(CompiledListener[] listeners, AtomicLongArray failures) {
        this.invokers = new ListenerInvoker[listeners.length];
        this.ids = new int[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            invokers[i] = listeners[i].invoker();
            ids[i] = listeners[i].id();
        }
        this.failures = failures;
    }

    abstract void dispatch(Object event);

    /**
     * Spring's policy: the first failure reaches the publisher and the remaining listeners are skipped.
     * A checked exception, which the invoker throws undeclared, is wrapped so callers see it declared.
     */
    static final class Propagating extends Dispatcher {

        Propagating(CompiledListener[] listeners, AtomicLongArray failures) {
            super(listeners, failures);
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
            catch (RuntimeException | Error ex) {
                failures.incrementAndGet(ids[i]);
                throw ex;
            }
            catch (Throwable ex) {
                failures.incrementAndGet(ids[i]);
                throw new UndeclaredThrowableException(ex);
            }
        }
    }

    /**
     * Every listener runs; each failure is counted and handed to the error handler, which may rethrow.
     */
    static final class Isolating extends Dispatcher {

        private final ListenerErrorHandler handler;
        private final String[] names;

        Isolating(CompiledListener[] listeners, AtomicLongArray failures, ListenerErrorHandler handler) {
            super(listeners, failures);
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
}
