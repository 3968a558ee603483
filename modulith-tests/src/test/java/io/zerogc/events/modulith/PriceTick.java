package io.zerogc.events.modulith;

/**
 * A price tick: only a compiled listener wants it, so publishing it allocates nothing.
 *
 * @param cents the price
 */
public record PriceTick(long cents) {
}
