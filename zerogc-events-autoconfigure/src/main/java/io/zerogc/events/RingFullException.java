package io.zerogc.events;

/**
 * Thrown by a publish when every slot of the ring is taken and the ring is set to fail then
 * ({@code zerogc.events.async.overflow=fail}).
 */
public final class RingFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param eventType the event refused
     * @param capacity the ring's size
     */
    public RingFullException(Class<?> eventType, int capacity) {
        super("Ring full: all " + capacity + " slots are taken, event of type " + eventType.getName()
                + " refused (zerogc.events.async.overflow=fail)");
    }
}
