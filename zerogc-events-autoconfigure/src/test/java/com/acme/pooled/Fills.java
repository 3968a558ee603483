package com.acme.pooled;

import io.zerogc.events.ZeroGcListener;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
public class Fills {

    private final List<String> seen = new ArrayList<>();

    @ZeroGcListener
    void on(OrderPlaced order) {                         // copy what you need: the instance goes back to its pool
        seen.add(order.orderId() + "x" + order.quantity());
    }

    public List<String> seen() {
        return seen;
    }
}
