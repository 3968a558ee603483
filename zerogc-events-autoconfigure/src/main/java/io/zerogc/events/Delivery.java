package io.zerogc.events;

/**
 * How a {@link ZeroGcListener} receives its events.
 */
public enum Delivery {

    /**
     * Delivery chosen by configuration: synchronous, on the publishing thread, unless asynchronous
     * delivery is switched on for the application.
     */
    DEFAULT,

    /**
     * Always synchronous: the listener runs on the publishing thread before {@code publish} returns.
     */
    SYNC,

    /**
     * Always asynchronous: the listener runs on a consumer thread of the ring buffer. Declaring it
     * while asynchronous delivery is not available fails at startup.
     */
    ASYNC
}
