package io.zerogc.sample;

import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Orders placed on other instances (the {@code kafka} profile): counted, with the last one kept, for
 * the dashboard.
 */
@Component
public class RemoteOrders {

    private final AtomicLong received = new AtomicLong();
    private volatile RemoteOrder last;

    @ZeroGcListener
    void record(RemoteOrder order) {
        received.incrementAndGet();
        last = order;
    }

    /**
     * Orders received from other instances.
     *
     * @return the count since startup
     */
    public long received() {
        return received.get();
    }

    /**
     * The latest order received.
     *
     * @return it, or {@code null} before the first
     */
    public RemoteOrder last() {
        return last;
    }
}
