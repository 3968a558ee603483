package io.zerogc.events.dispatch;

/**
 * A compiled listener that takes {@code boolean endOfBatch}: the generated implementation calls the
 * listener method directly on its bean. Public, as the implementation lives beside the bean's class.
 */
@FunctionalInterface
public interface BatchListenerInvoker {

    /**
     * Calls the listener.
     *
     * @param event the event, an instance of the listener's parameter type
     * @param endOfBatch whether it is the listener's last event of the batch
     */
    void onEvent(Object event, boolean endOfBatch);
}
