package com.acme.orders;

import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

@Component
class TradeBook {

    private final AtomicLong open = new AtomicLong();

    @ZeroGcListener
    void book(OrderPlaced order) {              // runs after RiskCheck: no @Order is the lowest precedence
        open.incrementAndGet();
    }

    @ZeroGcListener
    void cancel(OrderRejected rejection) {      // the event RiskCheck returned
        open.decrementAndGet();
    }

    long openOrders() {
        return open.get();
    }
}
