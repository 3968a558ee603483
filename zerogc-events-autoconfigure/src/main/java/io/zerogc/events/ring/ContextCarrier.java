package io.zerogc.events.ring;

/**
 * Carries a publishing thread's context (a trace, say) across the ring to the consumers that deliver its
 * event: captured when the event is published, restored on each consumer thread before that event's
 * listeners, then ended, which puts the consumer thread back as it was. Consecutive events a consumer
 * delivers that carry the same context (by identity: one request's events) share one restore: it is
 * ended at the first event that carries another context or none, and at the latest when the consumer's
 * batch ends, before it waits for more.
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
     * On a consumer thread, before the event's listeners there run (and those of the events after it that
     * carry the same context, in the same batch).
     *
     * @param captured what {@link #capture()} returned, never {@code null}
     * @return what {@link #end(Object)} is given afterwards, or {@code null} if nothing was restored
     */
    Object restore(Object captured);

    /**
     * On the same consumer thread, after the listeners of the events restored for ran, also when one threw.
     *
     * @param restored what {@link #restore(Object)} returned, never {@code null}
     */
    void end(Object restored);
}
