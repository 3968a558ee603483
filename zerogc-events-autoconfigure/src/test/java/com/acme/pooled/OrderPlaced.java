package com.acme.pooled;

import io.zerogc.events.PooledEvent;

public class OrderPlaced extends PooledEvent {          // needs an accessible no-arg constructor

    private long orderId;
    private int quantity;

    public OrderPlaced set(long orderId, int quantity) {
        this.orderId = orderId;
        this.quantity = quantity;
        return this;
    }

    static void fill(OrderPlaced event, Order order) {    // static: passing it allocates nothing
        event.set(order.id(), order.quantity());
    }

    public long orderId() {
        checkNotReleased();                              // throws after release in verify mode
        return orderId;
    }

    public int quantity() {
        checkNotReleased();
        return quantity;
    }

    @Override
    protected void reset() {                             // called when it goes back to the pool
        orderId = 0;
        quantity = 0;
    }
}
