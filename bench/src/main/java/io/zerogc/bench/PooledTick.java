package io.zerogc.bench;

import io.zerogc.events.PooledEvent;

/**
 * The pooled counterpart of {@link BenchEvent}.
 */
public class PooledTick extends PooledEvent {

    /** A value the listener adds up. */
    public long value;

    /**
     * Fills a borrowed tick.
     *
     * @param tick the tick
     * @param value the value, boxed once by the caller
     */
    static void fill(PooledTick tick, Long value) {
        tick.value = value;
    }

    @Override
    protected void reset() {
        value = 0;
    }
}
