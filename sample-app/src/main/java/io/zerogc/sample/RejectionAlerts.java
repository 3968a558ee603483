package io.zerogc.sample;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A classic Spring {@code @EventListener}, unchanged: it receives the rejections the risk check returns,
 * which the starter publishes through its bridge to Spring's listeners (the drop-in path).
 */
@Component
public class RejectionAlerts {

    private final AtomicLong alerts = new AtomicLong();

    /**
     * Raises an alert.
     *
     * @param rejection the rejection
     */
    @EventListener
    public void onRejection(OrderRejected rejection) {
        alerts.incrementAndGet();
    }

    /**
     * Alerts raised so far.
     *
     * @return the count
     */
    public long alerts() {
        return alerts.get();
    }
}
