package io.zerogc.events.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters written by one thread only (a consumer) and read by any: a plain read-add and an opaque
 * store, no atomic instruction. Padded at both ends against neighbours.
 */
public final class ConsumerCounters {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PAD = 16;

    private final long[] cells;

    /**
     * Creates counters.
     *
     * @param counters how many
     */
    public ConsumerCounters(int counters) {
        this.cells = new long[counters + 2 * PAD];
    }

    /**
     * Adds to a counter; only the owning thread may call it.
     *
     * @param counter the counter's index
     * @param delta what to add
     */
    public void add(int counter, long delta) {
        int index = PAD + counter;
        CELLS.setOpaque(cells, index, cells[index] + delta);
    }

    /**
     * Reads a counter from any thread.
     *
     * @param counter the counter's index
     * @return its value
     */
    public long get(int counter) {
        return (long) CELLS.getOpaque(cells, PAD + counter);
    }
}
