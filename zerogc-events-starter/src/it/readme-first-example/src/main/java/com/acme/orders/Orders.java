package com.acme.orders;

import io.zerogc.events.ZeroGcEventPublisher;
import org.springframework.stereotype.Service;

@Service
public class Orders {

    private final ZeroGcEventPublisher events;

    Orders(ZeroGcEventPublisher events) {
        this.events = events;
    }

    public void place(long orderId, int quantity) {
        events.publish(new OrderPlaced(orderId, quantity));   // or events.publishEvent(...)
    }
}
