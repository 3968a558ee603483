package io.zerogc.sample;

/**
 * A client placed an order.
 *
 * @param orderId the order's id
 * @param symbol the instrument
 * @param quantity how many units
 * @param priceCents the limit price, in cents
 */
public record OrderPlaced(long orderId, String symbol, int quantity, long priceCents) implements OrderEvent {
}
