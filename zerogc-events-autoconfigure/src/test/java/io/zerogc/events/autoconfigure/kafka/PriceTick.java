package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.PooledEvent;

/**
 * A pooled event that is externalized: its fields must be written out before it goes back to its pool.
 */
public class PriceTick extends PooledEvent {

    private String symbol;
    private long seq;

    static void fill(PriceTick tick, String symbol, long seq) {
        tick.symbol = symbol;
        tick.seq = seq;
    }

    public String getSymbol() {
        checkNotReleased();
        return symbol;
    }

    public long getSeq() {
        checkNotReleased();
        return seq;
    }

    @Override
    protected void reset() {
        symbol = null;
        seq = -1;
    }
}
