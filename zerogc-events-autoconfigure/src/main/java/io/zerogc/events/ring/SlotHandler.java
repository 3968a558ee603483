package io.zerogc.events.ring;

/**
 * What a consumer does with each published slot.
 */
@FunctionalInterface
public interface SlotHandler {

    /**
     * Delivers one event to this consumer's share of listeners.
     *
     * @param event the event
     * @param route what the publisher attached to it; may be {@code null} once another consumer has
     *     released the slot, which only happens when this consumer has nothing to deliver
     * @param consumer the consumer's index
     * @param timestamp what the publisher attached as its timestamp
     * @return whether this consumer delivered the event (it had listeners for it)
     */
    boolean onSlot(Object event, Object route, int consumer, long timestamp);

    /**
     * Whether this consumer has anything to deliver of a slot: asked only for a slot that carries its
     * publisher's context, which is restored around {@link #onSlot} only when it does.
     *
     * @param route what the publisher attached to the slot
     * @param consumer the consumer's index
     * @return {@code true} unless the consumer has no listener of the slot's event
     */
    default boolean deliversOn(Object route, int consumer) {
        return true;
    }

    /**
     * Told after {@link #onSlot} by the consumer that delivered a slot last of those concerned, on its own
     * thread: the slot's event has reached all its listeners.
     *
     * @param route what the publisher attached to the slot
     * @param consumer the consumer's index
     */
    default void onCompleted(Object route, int consumer) {
    }

    /**
     * Told by a consumer with a {@link BatchPosition} before it delivers the slots {@code [first, end)}:
     * all published, so their routes can be read.
     *
     * @param consumer the consumer's index
     * @param first the batch's first slot
     * @param end the slot after its last
     */
    default void onBatchStart(int consumer, long first, long end) {
    }
}
