package io.zerogc.bench;

import io.zerogc.events.PooledEvent;

/**
 * The event {@link KafkaHarness} externalizes: a pooled tick with bean getters for its JSON.
 */
public class KafkaTick extends PooledEvent {

    /** The next sequence number a latency run starts from, so that each run's ticks are its own. */
    static long sequence = 1L << 40;

    private String symbol;
    private long seq;
    private long price;

    static void fill(KafkaTick tick, String symbol, long seq) {
        tick.symbol = symbol;
        tick.seq = seq;
        tick.price = 10_000 + (seq & 1023);
    }

    /**
     * Reads {@code "seq":N} from a tick's JSON.
     *
     * @param json the record's value
     * @return N
     */
    static long seqOf(byte[] json) {
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("\"seq\":") + 6;
        int end = at;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text, at, end, 10);
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
