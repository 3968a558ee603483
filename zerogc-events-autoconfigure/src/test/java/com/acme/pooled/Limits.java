package com.acme.pooled;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

@Component
public class Limits {

    @ZeroGcListener(delivery = Delivery.SYNC)
    @Order(0)
    void check(OrderPlaced order) {
        if (order.quantity() > 1_000_000) {
            throw new IllegalArgumentException("order " + order.orderId() + " exceeds the limit");
        }
    }
}
