package io.zerogc.events;

/**
 * Thrown when an event for asynchronous listeners is published while asynchronous delivery is stopped
 * ({@code Lifecycle.stop()}, until {@code start()}) or after it has shut down (the application context
 * is closing or closed). Events with only synchronous listeners are still delivered then.
 */
public final class PublisherClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param eventType the event refused
     * @param stopped {@code true} if delivery is only stopped and a start resumes it, {@code false} if it
     *     has shut down for good
     */
    public PublisherClosedException(Class<?> eventType, boolean stopped) {
        super(stopped ? "Asynchronous delivery is stopped until the application is started again: event of type "
                + eventType.getName() + " refused"
                : "Asynchronous delivery is shut down: event of type " + eventType.getName() + " refused");
    }
}
