package io.zerogc.events.autoconfigure.kafka;

/**
 * How another instance receives a {@link PriceTick}: a plain record with its fields.
 *
 * @param symbol the symbol
 * @param seq the tick's sequence number
 */
public record TickSeen(String symbol, long seq) {
}
