package com.acme.pooled;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

@Component
public class Ledger {

    private final AtomicLong booked = new AtomicLong();

    @ZeroGcListener(delivery = Delivery.ASYNC)
    @Order(10)
    void book(OrderPlaced order) {
        booked.addAndGet(order.quantity());
    }

    public long booked() {
        return booked.get();
    }
}
