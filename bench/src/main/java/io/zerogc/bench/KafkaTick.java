package io.zerogc.bench;

import io.zerogc.events.PooledEvent;

/**
 * The event {@link KafkaHarness} externalizes: a pooled tick with bean getters for its JSON.
 */
public class KafkaTick extends PooledEvent {

    private String symbol;
    private long seq;
    private long price;

    static void fill(KafkaTick tick, String symbol, long seq) {
        tick.symbol = symbol;
        tick.seq = seq;
        tick.price = 10_000 + (seq & 1023);
    }

    /**
     * The instrument.
     *
     * @return its symbol
     */
    public String getSymbol() {
        return symbol;
    }

    /**
     * The tick's place in the stream.
     *
     * @return its sequence number
     */
    public long getSeq() {
        return seq;
    }

    /**
     * The price.
     *
     * @return the price, in ticks
     */
    public long getPrice() {
        return price;
    }

    @Override
    protected void reset() {
        symbol = null;
        seq = 0;
        price = 0;
    }
}
