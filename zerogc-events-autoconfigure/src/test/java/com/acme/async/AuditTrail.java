package com.acme.async;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

@Component
public class AuditTrail {

    private final AtomicLong recorded = new AtomicLong();

    @ZeroGcListener(delivery = Delivery.ASYNC)           // on a consumer thread, whatever async.enabled makes DEFAULT
    void record(OrderShipped shipped) {
        recorded.incrementAndGet();
    }

    @ZeroGcListener(delivery = Delivery.SYNC)            // on the publishing thread, before publish returns
    void check(OrderShipped shipped) {
        if (shipped.parcels() < 1) {
            throw new IllegalArgumentException("nothing shipped for order " + shipped.orderId());
        }
    }

    public long recorded() {
        return recorded.get();
    }
}
