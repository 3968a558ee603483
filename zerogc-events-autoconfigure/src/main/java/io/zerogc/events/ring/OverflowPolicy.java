package io.zerogc.events.ring;

import io.zerogc.events.RingFullException;

/**
 * What a publisher does when the ring has no free slot.
 */
public enum OverflowPolicy {

    /** Wait (spin, yield, then park briefly) until a consumer frees a slot. Nothing is lost. */
    BLOCK,

    /**
     * Drop the event for its asynchronous listeners and count it; synchronous listeners still got it.
     * Nothing waits.
     */
    DROP,

    /**
     * Deliver the event to its asynchronous listeners on the publishing thread. Nothing is lost and
     * nothing waits, but such an event may overtake events still in the ring, and a listener may then
     * run on two threads at once.
     */
    CALLER_RUNS,

    /** Throw {@link RingFullException}. The caller decides. */
    FAIL
}
