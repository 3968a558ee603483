package io.zerogc.events.util;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Slots of an array that each thread reads and writes as its own, picked by the thread's id, each on a
 * pair of cache lines of its own: where a lookup on the publishing path keeps the thread's answers,
 * {@link #WAYS} of them, so that the next lookup of a key the thread used lately is a few loads and
 * comparisons, with no write shared between threads: a thread publishing a few event types in turn
 * finds each of them, not only the last. Threads whose ids are equal modulo {@link #SLOTS} share a
 * slot: correct (every user checks the key of what it finds there), only slower while they look up
 * different keys at once.
 *
 * <p>A user scans its ways from the first and stops at its key's way or at the first empty one; what
 * it then looks up elsewhere takes the first way, and what was there moves to where {@link #keep}
 * says: two stores, never a shift (moving the others down on every miss made eight keys in turn slower
 * than a slot of one answer). A hit writes nothing. So the key looked up last is at the first look:
 * a thread that keeps to one type after others (a context refreshed on it, say) pays no scan.
 *
 * <p>An array for slots has {@link #length()} elements; the calling thread's starts at {@link #mine()}.
 * Slots are read and written plainly: what is kept in them must be safe to read through a data race
 * (its fields final, or read with the ordering they need).
 */
public final class ThreadSlots {

    /** The answers a slot keeps, at {@code mine()} to {@code mine() + WAYS - 1}. */
    public static final int WAYS = 4;
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
     * Keeps an answer looked up after a scan: it takes the first way, and the first way's answer moves to
     * the way the scan stopped at (its key's stale one, or the first empty one), or with every way taken
     * by other keys, to one of the others picked at random (whose answer is dropped). So up to
     * {@link #WAYS} keys new to a full slot, used in turn, settle in it after a few misses, whatever took
     * the slot before them; a fixed victim way would leave the ways it never picks to the old keys, and
     * three or more new keys would then miss on every look.
     *
     * @param <T> what the slots hold
     * @param slots an array of {@link #length()}
     * @param mine the calling thread's slot, from {@link #mine()}
     * @param way where the scan stopped: {@link #WAYS} if it found neither its key nor an empty way
     * @param answer what was looked up
     */
    public static <T> void keep(T[] slots, int mine, int way, T answer) {
        if (way == WAYS) { // on the table path only: the draw measured about 1 ns beside the probe
            way = ThreadLocalRandom.current().nextInt(1, WAYS);
        }
        slots[mine + way] = slots[mine];
        slots[mine] = answer;
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
