package io.zerogc.events.util;

/**
 * Slots a thread claims for itself (a stripe, a counter, a stash) and frees once it has ended. One rule,
 * stated once: an owner that has ended will never write again, and {@link Thread#isAlive()} returning
 * {@code false} happens-after everything the thread did (JLS 17.4.4), so a reader that sees it ended may
 * free the slot (by a CAS from that owner, so that one freer wins) and take over what it wrote.
 */
public final class Ownership {

    private Ownership() {
    }

    /**
     * Whether a slot's owner has ended, so that its slot may be freed.
     *
     * @param owner the owner read from the slot, or {@code null} for a free slot
     * @return {@code true} if there is an owner and it has terminated
     */
    public static boolean ended(Thread owner) {
        return owner != null && !owner.isAlive();
    }
}
