package io.zerogc.events;

/**
 * Takes over the failures of synchronous listeners. When one is present, a failing listener no longer
 * stops the listeners after it: each failure is counted and handed here, and dispatch goes on. A
 * handler that rethrows ends the dispatch and the exception reaches the publisher. The failures of
 * asynchronous listeners are handed here too; what the handler rethrows for them is logged instead,
 * since no publisher waits for them, and the remaining listeners still get the event.
 *
 * <p>Called on the thread that ran the listener; implementations should not block.
 */
@FunctionalInterface
public interface ListenerErrorHandler {

    /**
     * Handles one listener failure.
     *
     * @param error what the listener threw
     * @param event the event being delivered
     * @param listener the failing listener, as {@code BeanClass.method(EventType)}
     */
    void handleError(Throwable error, Object event, String listener);
}
