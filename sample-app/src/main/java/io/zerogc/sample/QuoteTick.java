package io.zerogc.sample;

import io.zerogc.events.PooledEvent;

/**
 * A market-data tick: the high-rate event, pooled, so publishing one allocates nothing at all.
 * Listeners read it during their call only (the pool takes it back afterwards).
 */
public class QuoteTick extends PooledEvent {

    private String symbol;
    private long priceCents;

    /**
     * Fills a borrowed tick; static, so passing it as a filler allocates nothing.
     *
     * @param tick the borrowed tick
     * @param symbol the instrument
     * @param priceCents the price, in cents
     */
    static void fill(QuoteTick tick, String symbol, long priceCents) {
        tick.symbol = symbol;
        tick.priceCents = priceCents;
    }

    /**
     * The instrument.
     *
     * @return the symbol
     */
    public String symbol() {
        checkNotReleased();
        return symbol;
    }

    /**
     * The price.
     *
     * @return the price, in cents
     */
    public long priceCents() {
        checkNotReleased();
        return priceCents;
    }

    @Override
    protected void reset() {
        symbol = null;
        priceCents = 0;
    }
}
