package io.zerogc.events.util;

/**
 * Slots of an array that each thread reads and writes as its own, picked by the thread's id, each on a
 * pair of cache lines of its own: where a lookup on the publishing path keeps the thread's last answer,
 * so that the next lookup of the same key is one load and a comparison, with no write shared between
 * threads. Threads whose ids are equal modulo {@link #SLOTS} share a slot: correct (every user checks
 * the key of what it finds there), only slower while they look up different keys at once.
 *
 * <p>An array for slots has {@link #length()} elements; the calling thread's is at {@link #mine()}.
 * Slots are read and written plainly: what is kept in them must be safe to read through a data race
 * (its fields final, or read with the ordering they need).
 */
public final class ThreadSlots {

    /** Elements between two threads' slots: 128 bytes with compressed references. */
    private static final int STRIDE = 32;
    /** Four per processor, a power of two between 16 and 256. */
    static final int SLOTS = Math.min(256,
            Math.max(16, Integer.highestOneBit(Math.max(1, 4 * Runtime.getRuntime().availableProcessors() - 1)) << 1));

    private ThreadSlots() {
    }

    /**
     * The length of an array of slots: one per slot, padded from each other and from the array's header.
     *
     * @return the length
     */
    public static int length() {
        return (SLOTS + 2) * STRIDE;
    }

    /**
     * The calling thread's slot.
     *
     * @return its index in an array of {@link #length()}
     */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same field
    public static int mine() {
        return (((int) Thread.currentThread().getId() & (SLOTS - 1)) + 1) * STRIDE;
    }
}
