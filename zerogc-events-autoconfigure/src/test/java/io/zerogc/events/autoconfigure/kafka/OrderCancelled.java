package io.zerogc.events.autoconfigure.kafka;

/**
 * Externalized by properties alone.
 *
 * @param orderId the order
 * @param reason why
 */
public record OrderCancelled(String orderId, String reason) {
}
