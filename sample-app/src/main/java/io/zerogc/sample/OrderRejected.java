package io.zerogc.sample;

/**
 * The risk check refused an order.
 *
 * @param orderId the order's id
 * @param reason why
 */
public record OrderRejected(long orderId, String reason) implements OrderEvent {
}
