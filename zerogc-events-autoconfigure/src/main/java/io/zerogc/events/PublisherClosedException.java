package io.zerogc.events;

/**
 * Thrown when an event for asynchronous listeners is published after asynchronous delivery has shut
 * down (the application context is closing or closed).
 */
public final class PublisherClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param eventType the event refused
     */
    public PublisherClosedException(Class<?> eventType) {
        super("Asynchronous delivery is shut down: event of type " + eventType.getName() + " refused");
    }
}
