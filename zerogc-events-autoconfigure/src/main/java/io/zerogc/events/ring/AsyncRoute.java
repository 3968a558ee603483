package io.zerogc.events.ring;

/**
 * What an event in a slot is delivered along: per consumer, the listeners of its class assigned to that
 * consumer. The dispatch engine builds one per event class; the ring only calls it.
 */
public interface AsyncRoute {

    /**
     * The event type's id, to count by type.
     *
     * @return the id
     */
    int type();

    /**
     * How many consumers have listeners for the class: the holds a slot takes.
     *
     * @return at least 1 for a route that goes to the ring
     */
    int interestedConsumers();

    /**
     * Whether a consumer has listeners for the class.
     *
     * @param consumer the consumer's index
     * @return {@code true} if it delivers events of the class
     */
    boolean deliversOn(int consumer);

    /**
     * Delivers an event to the listeners a consumer holds for its class, on the calling thread, if it
     * holds any: one call for the consumer's common path.
     *
     * @param consumer the consumer's index
     * @param event the event
     * @return whether the consumer has listeners for the class (and so delivered it); when a listener's
     *     failure propagates out of this call, it had
     */
    boolean deliverOn(int consumer, Object event);

    /**
     * Whether the class's events are pooled containers, released once per consumer that delivered them.
     *
     * @return {@code true} for a pooled class
     */
    boolean pooled();
}
