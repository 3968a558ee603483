package io.zerogc.events.ring;

/**
 * Carries a publishing thread's context (a trace, say) across the ring to the consumers that deliver its
 * event: captured when the event is published, restored on each consumer thread around that event's
 * listeners, then ended, which puts the consumer thread back as it was.
 *
 * <p>The ring keeps what {@link #capture()} returns in the event's slot until the last consumer has
 * delivered it, so a capture that returns an object that already exists (the current trace's own handle)
 * costs the publisher no allocation.
 */
public interface ContextCarrier {

    /**
     * On the publishing thread, as the event is published.
     *
     * @return what to carry, or {@code null} for nothing (then nothing is restored)
     */
    Object capture();

    /**
     * On a consumer thread, before the event's listeners there run.
     *
     * @param captured what {@link #capture()} returned, never {@code null}
     * @return what {@link #end(Object)} is given afterwards, or {@code null} if nothing was restored
     */
    Object restore(Object captured);

    /**
     * On the same consumer thread, after the event's listeners there ran, also when one threw.
     *
     * @param restored what {@link #restore(Object)} returned, never {@code null}
     */
    void end(Object restored);
}
