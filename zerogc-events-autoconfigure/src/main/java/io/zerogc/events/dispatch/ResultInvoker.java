package io.zerogc.events.dispatch;

/**
 * A compiled listener whose method returns a value, to be published as further events.
 */
@FunctionalInterface
public interface ResultInvoker {

    /**
     * Calls the listener.
     *
     * @param event the event, an instance of the listener's parameter type
     * @return what the listener method returned, boxed if primitive
     */
    Object onEvent(Object event);
}
