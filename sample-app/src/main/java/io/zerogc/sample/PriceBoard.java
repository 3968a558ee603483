package io.zerogc.sample;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Keeps the last price of each instrument, on a consumer thread: it copies the values out of each pooled
 * tick, never keeping the tick itself.
 */
@Component
public class PriceBoard {

    private final Map<String, AtomicLong> lastPrices = new ConcurrentHashMap<>();

    /**
     * Records a tick's price.
     *
     * @param tick the tick, valid during this call only
     */
    @ZeroGcListener(delivery = Delivery.ASYNC)
    public void onTick(QuoteTick tick) {
        AtomicLong last = lastPrices.get(tick.symbol());
        if (last == null) {
            last = lastPrices.computeIfAbsent(tick.symbol(), symbol -> new AtomicLong());
        }
        last.lazySet(tick.priceCents());
    }

    /**
     * The last price of an instrument.
     *
     * @param symbol the instrument
     * @return its price in cents, or 0 before its first tick
     */
    public long lastPrice(String symbol) {
        AtomicLong last = lastPrices.get(symbol);
        return last == null ? 0 : last.get();
    }
}
