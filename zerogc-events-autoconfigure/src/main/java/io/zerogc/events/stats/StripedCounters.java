package io.zerogc.events.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of counters that any number of threads increment, striped so that threads on different
 * cores rarely touch the same cache line.
 *
 * <p>A writer picks its stripe from its thread id and adds atomically ({@code getAndAdd}) within it:
 * exact under any interleaving, no allocation, no lock, and contended only by threads whose ids share
 * a stripe. Stripes are separated by a cache line of padding. Readers add up the stripes.
 */
public final class StripedCounters {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs of padding between stripes: 128 bytes, two cache lines (adjacent-line prefetch). */
    private static final int PAD = 16;

    private final long[] cells;
    private final int counters;
    private final int stride;
    private final int stripeMask;

    /**
     * Creates counters.
     *
     * @param counters how many counters
     * @param stripes how many stripes; rounded up to a power of two
     */
    public StripedCounters(int counters, int stripes) {
        int stripeCount = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
        this.counters = counters;
        this.stride = counters + PAD;
        this.stripeMask = stripeCount - 1;
        this.cells = new long[PAD + stripeCount * stride];
    }

    /**
     * Stripes for this machine: twice the processors, at least 4.
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
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    public void increment(int counter) {
        int stripe = (int) Thread.currentThread().getId() & stripeMask;
        long unused = (long) CELLS.getAndAdd(cells, PAD + stripe * stride + counter, 1L); // exact type: no adaptation
    }

    /**
     * Adds to a counter.
     *
     * @param counter the counter's index
     * @param delta what to add
     */
    @SuppressWarnings("deprecation")
    public void add(int counter, long delta) {
        int stripe = (int) Thread.currentThread().getId() & stripeMask;
        long unused = (long) CELLS.getAndAdd(cells, PAD + stripe * stride + counter, delta);
    }

    /**
     * The counter's value: the sum of its stripes.
     *
     * @param counter the counter's index
     * @return the total
     */
    public long sum(int counter) {
        long sum = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            sum += (long) CELLS.getVolatile(cells, PAD + stripe * stride + counter);
        }
        return sum;
    }

    /**
     * How many counters there are.
     *
     * @return the count
     */
    public int size() {
        return counters;
    }
}
