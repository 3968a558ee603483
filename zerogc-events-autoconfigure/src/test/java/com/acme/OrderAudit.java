package com.acme;

import io.zerogc.events.ZeroGcListener;
import java.util.List;

/** The README's example of listeners that break the rules. */
public class OrderAudit {

    @ZeroGcListener
    public void on(OrderPlaced event, int retries) {
    }

    @ZeroGcListener
    public void all(List<OrderPlaced> events) {
    }
}
