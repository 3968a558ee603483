package io.zerogc.events;

/**
 * Thrown by a publish when every slot of the ring is taken and the ring's overflow policy is to fail
 * ({@code zerogc.events.async.overflow=fail}).
 *
 * <p>Cheap to throw at peak load, when many publishes may be refused: it has no stack trace (where it
 * is thrown is always the publish call), and its message is composed only when read.
 */
public final class RingFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final Class<?> eventType;
    private final int capacity;

    /**
     * Creates the exception.
     *
     * @param eventType the event refused
     * @param capacity the ring's size
     */
    public RingFullException(Class<?> eventType, int capacity) {
        this.eventType = eventType;
        this.capacity = capacity;
    }

    /**
     * The type of the event refused.
     *
     * @return the event's class
     */
    public Class<?> eventType() {
        return eventType;
    }

    @Override
    public String getMessage() {
        return "Ring full: all " + capacity + " slots are taken, event of type " + eventType.getName()
                + " refused (overflow policy: fail)";
    }

    /** No stack trace: the refusal is a policy, not a fault, and this keeps throwing it cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
