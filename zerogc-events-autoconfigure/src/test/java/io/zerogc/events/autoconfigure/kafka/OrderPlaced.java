package io.zerogc.events.autoconfigure.kafka;

import org.springframework.modulith.events.Externalized;

/**
 * Externalized by Spring Modulith's annotation, keyed by order.
 *
 * @param orderId the order
 * @param seq its position among the order's events
 */
@Externalized("orders::#{orderId}")
public record OrderPlaced(String orderId, int seq) {
}
