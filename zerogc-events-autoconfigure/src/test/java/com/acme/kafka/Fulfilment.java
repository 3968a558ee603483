package com.acme.kafka;

import io.zerogc.events.ZeroGcListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

@Component
public class Fulfilment {

    private final List<String> orders = new CopyOnWriteArrayList<>();

    @ZeroGcListener                                      // orders placed here and on every other instance, once each
    void fulfil(OrderPlaced order) {
        orders.add(order.orderId());
    }

    public List<String> orders() {
        return orders;
    }
}
