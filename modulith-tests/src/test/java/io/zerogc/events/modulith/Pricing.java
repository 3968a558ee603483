package io.zerogc.events.modulith;

import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** A compiled listener: it counts without allocating. Without the starter nothing calls it. */
@Component
public class Pricing {

    private final AtomicLong priced = new AtomicLong();
    private long lastTick;

    @ZeroGcListener
    void on(OrderPlaced order) {
        priced.incrementAndGet();
    }

    @ZeroGcListener
    void on(PriceTick tick) {
        lastTick = tick.cents();
    }

    /**
     * The last tick's price.
     *
     * @return cents
     */
    public long lastTick() {
        return lastTick;
    }

    /**
     * Orders priced.
     *
     * @return the number of calls
     */
    public long priced() {
        return priced.get();
    }
}
