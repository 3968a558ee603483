package io.zerogc.events.ring;

import io.zerogc.events.stats.PublishCounter;

/**
 * What an event in a slot is delivered along: per consumer, the listeners of its class assigned to that
 * consumer. The dispatch engine builds one per event class; the ring only reads it. An abstract class
 * with final fields rather than an interface, because consumers read it for every slot: a field load
 * and a call the JIT binds by class hierarchy analysis (one subclass), with no interface dispatch.
 */
public abstract class AsyncRoute {

    /** The event type's id, to count by type. */
    public final int type;
    /** How many consumers have listeners for the class: the holds a slot takes; 0 means none goes to the ring. */
    public final int asyncConsumers;
    /** Whether the class's events are pooled containers, released once per consumer that delivered them. */
    public final boolean pooled;
    /** The type's count of events the ring accepted; {@code null} while none goes to the ring. */
    public final PublishCounter accepted;

    /**
     * Creates a route.
     *
     * @param type the event type's id
     * @param asyncConsumers how many consumers have listeners for the class
     * @param pooled whether its events are pooled containers
     * @param accepted the type's count of events the ring accepted; not {@code null} if
     *     {@code asyncConsumers > 0}
     */
    protected AsyncRoute(int type, int asyncConsumers, boolean pooled, PublishCounter accepted) {
        if (asyncConsumers > 0 && accepted == null) {
            throw new IllegalArgumentException("a route to consumers needs a count of accepted events");
        }
        this.type = type;
        this.asyncConsumers = asyncConsumers;
        this.pooled = pooled;
        this.accepted = accepted;
    }

    /**
     * Whether a consumer has listeners for the class.
     *
     * @param consumer the consumer's index
     * @return {@code true} if it delivers events of the class
     */
    public abstract boolean deliversOn(int consumer);

    /**
     * Delivers an event to the listeners a consumer holds for its class, on the calling thread, if it
     * holds any: one call for the consumer's common path.
     *
     * @param consumer the consumer's index
     * @param event the event
     * @return whether the consumer has listeners for the class (and so delivered it); when a listener's
     *     failure propagates out of this call, it had
     */
    public abstract boolean deliverOn(int consumer, Object event);

    /**
     * The numbers, in a consumer's {@link BatchPosition}, of the listeners of the class on that consumer
     * that observe batches (they take {@code endOfBatch}, or their bean implements
     * {@link io.zerogc.events.BatchStart}).
     *
     * @param consumer the consumer's index
     * @return the numbers, empty if none; the caller must not change the array
     */
    public abstract int[] observersOn(int consumer);
}
