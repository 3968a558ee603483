package io.zerogc.sample;

import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sees every order event, whatever its kind: the listener is declared on this interface, and its
 * parameter is the {@link OrderEvent} interface, so both placements and rejections reach it.
 */
public interface AuditTrail {

    /**
     * Records one event.
     *
     * @param event any order event
     */
    @ZeroGcListener
    void record(OrderEvent event);

    /**
     * The id of the last event recorded.
     *
     * @return the order id, or 0 before the first event
     */
    long lastOrderId();

    /**
     * Keeps the last order id seen.
     */
    @org.springframework.stereotype.Component
    final class LastSeen implements AuditTrail {

        private final AtomicLong last = new AtomicLong();

        @Override
        public void record(OrderEvent event) {
            last.lazySet(event.orderId());
        }

        @Override
        public long lastOrderId() {
            return last.get();
        }
    }
}
