package com.acme.kafka;

import org.springframework.modulith.events.Externalized;

@Externalized("orders::#{orderId}")                      // topic "orders", keyed by order: in order per order
public record OrderPlaced(String orderId, int quantity) {
}
