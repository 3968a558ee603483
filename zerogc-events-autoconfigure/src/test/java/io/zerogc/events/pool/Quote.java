package io.zerogc.events.pool;

import io.zerogc.events.PooledEvent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pooled test event.
 */
public class Quote extends PooledEvent {

    String symbol;
    long price;
    /** Set by whoever borrows it; a second borrower finding it set means the pool handed it out twice. */
    final AtomicBoolean inUse = new AtomicBoolean();

    /**
     * Fills a quote: a static method, so passing it as a filler allocates nothing.
     *
     * @param quote the borrowed quote
     * @param symbol the symbol
     */
    static void fill(Quote quote, String symbol) {
        quote.symbol = symbol;
    }

    long price() {
        checkNotReleased();
        return price;
    }

    String symbol() {
        checkNotReleased();
        return symbol;
    }

    @Override
    protected void reset() {
        symbol = null;
        price = 0;
        inUse.set(false);
    }
}
