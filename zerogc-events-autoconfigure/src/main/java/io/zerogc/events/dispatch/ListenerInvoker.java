package io.zerogc.events.dispatch;

/**
 * A compiled listener that returns nothing: the generated implementation calls the listener method
 * directly on its bean. Implementations may throw checked exceptions undeclared; the dispatcher turns
 * them into {@link java.lang.reflect.UndeclaredThrowableException}.
 */
@FunctionalInterface
public interface ListenerInvoker {

    /**
     * Calls the listener.
     *
     * @param event the event, an instance of the listener's parameter type
     */
    void onEvent(Object event);
}
