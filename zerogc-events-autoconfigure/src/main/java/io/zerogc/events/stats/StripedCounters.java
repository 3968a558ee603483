package io.zerogc.events.stats;

import io.zerogc.events.util.Ownership;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of counters that any number of threads increment, exact under any interleaving, with no
 * atomic instruction on the common path.
 *
 * <p>A thread's id picks one of {@value #OWNED} <em>owned stripes</em>. The first thread to find the
 * stripe free claims it (a CAS, once) and from then on is its only writer: it counts with a plain
 * load, add and opaque store into cells only it writes, without the full fence of a {@code lock xadd}.
 * A thread whose stripe another live thread owns counts atomically ({@code getAndAdd}) in a small set
 * of shared stripes, padded apart. Readers add up every stripe.
 *
 * <p>An owner that has terminated no longer writes: a reader that finds one frees its stripe (the rule
 * {@link io.zerogc.events.util.Ownership} states), and the next thread to claim the
 * stripe adds on to the counts already there. So stripes follow the live publishing threads, and
 * nothing is lost or counted twice. Owned cells are allocated when a thread claims a stripe and grow
 * to the highest counter it uses, so the publishing path allocates once per thread and stripe, never
 * per event.
 */
public final class StripedCounters {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(Thread[].class);
    private static final VarHandle OWNED_CELLS = MethodHandles.arrayElementVarHandle(long[][].class);
    /** Owned stripes; a power of two. */
    static final int OWNED = 64;
    private static final int OWNED_MASK = OWNED - 1;
    /** Longs of padding between shared stripes: 128 bytes, two cache lines (adjacent-line prefetch). */
    private static final int PAD = 16;
    /** Counters an owned stripe starts with; it grows to the highest counter its owner counts. */
    private static final int FIRST_CELLS = 64;

    private final int counters;
    /** Per owned stripe, its owner: claimed by CAS from {@code null}, freed by readers when it died. */
    private final Thread[] owners = new Thread[OWNED];
    /** Per owned stripe, its cells: written by the owner alone, read by anyone. */
    private final long[][] owned = new long[OWNED][];
    /** Stripes for threads that own none, added to atomically. */
    private final long[] shared;
    private final int stride;
    private final int sharedMask;

    /**
     * Creates counters.
     *
     * @param counters how many counters
     * @param stripes how many shared stripes, for threads without an owned stripe; rounded up to a power
     *     of two
     */
    public StripedCounters(int counters, int stripes) {
        int stripeCount = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
        this.counters = counters;
        this.stride = counters + PAD;
        this.sharedMask = stripeCount - 1;
        this.shared = new long[PAD + stripeCount * stride];
    }

    /**
     * Shared stripes for this machine: twice the processors, at least 4.
     *
     * @return the stripe count
     */
    public static int defaultStripes() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Adds one to a counter.
     *
     * @param counter the counter's index
     */
    public void increment(int counter) {
        add(counter, 1L);
    }

    /**
     * Adds to a counter.
     *
     * @param counter the counter's index
     * @param delta what to add
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    public void add(int counter, long delta) {
        Thread current = Thread.currentThread();
        int stripe = (int) current.getId() & OWNED_MASK;
        // Only this thread writes itself here, and only a dead owner is replaced: a match is never stale.
        if (owners[stripe] == current) {
            long[] cells = owned[stripe];
            if (counter < cells.length) {
                CELLS.setOpaque(cells, counter, (long) CELLS.getOpaque(cells, counter) + delta);
                return;
            }
        }
        addSlowly(current, stripe, counter, delta);
    }

    /**
     * Claims the thread's owned stripe if it is free, grows the owner's cells when the counter lies
     * beyond them, or else adds atomically to a shared stripe.
     */
    @SuppressWarnings("deprecation")
    private void addSlowly(Thread current, int stripe, int counter, long delta) {
        Thread owner = (Thread) OWNERS.getVolatile(owners, stripe);
        if (owner == null && OWNERS.compareAndSet(owners, stripe, (Thread) null, current)) {
            owner = current;
        }
        if (owner == current) {
            long[] cells = (long[]) OWNED_CELLS.getAcquire(owned, stripe); // a previous owner's counts, if any
            if (cells == null || counter >= cells.length) {
                int length = Math.min(counters, Math.max(FIRST_CELLS, Integer.highestOneBit(counter) << 1));
                long[] grown = new long[length];
                for (int i = 0; cells != null && i < cells.length; i++) {
                    grown[i] = (long) CELLS.getOpaque(cells, i);
                }
                // Readers may still sum the old cells: they hold at most what the new ones hold.
                OWNED_CELLS.setRelease(owned, stripe, grown);
                cells = grown;
            }
            CELLS.setOpaque(cells, counter, (long) CELLS.getOpaque(cells, counter) + delta);
            return;
        }
        int sharedStripe = (int) current.getId() & sharedMask;
        long unused = (long) CELLS.getAndAdd(shared, PAD + sharedStripe * stride + counter, delta);
    }

    /**
     * The counter's value: the sum of its stripes. Frees the owned stripes of threads that have ended.
     *
     * @param counter the counter's index
     * @return the total
     */
    public long sum(int counter) {
        freeEndedOwners();
        long sum = 0;
        for (int stripe = 0; stripe < OWNED; stripe++) {
            long[] cells = (long[]) OWNED_CELLS.getAcquire(owned, stripe);
            if (cells != null && counter < cells.length) {
                sum += (long) CELLS.getOpaque(cells, counter);
            }
        }
        for (int stripe = 0; stripe <= sharedMask; stripe++) {
            sum += (long) CELLS.getVolatile(shared, PAD + stripe * stride + counter);
        }
        return sum;
    }

    /**
     * Frees the owned stripes of threads that have ended; their counts stay for the next owner to add
     * on to.
     */
    public void freeEndedOwners() {
        for (int stripe = 0; stripe < OWNED; stripe++) {
            Thread owner = (Thread) OWNERS.getVolatile(owners, stripe);
            if (Ownership.ended(owner)) {
                OWNERS.compareAndSet(owners, stripe, owner, (Thread) null);
            }
        }
    }

    /** Whether a thread owns a stripe here now; for tests. */
    @SuppressWarnings("deprecation")
    boolean owns(Thread thread) {
        return OWNERS.getVolatile(owners, (int) thread.getId() & OWNED_MASK) == thread;
    }
}
