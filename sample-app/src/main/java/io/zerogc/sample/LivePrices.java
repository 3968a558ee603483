package io.zerogc.sample;

import io.zerogc.events.Delivery;
import io.zerogc.events.Subscription;
import io.zerogc.events.ZeroGcEventPublisher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's live prices: each connected browser gets a run-time subscription of its own to the
 * pooled quote ticks, closed when the browser goes. The subscriber runs on a consumer thread and only
 * copies the tick's price into the browser's slot (no allocation); twice a second a sender thread pushes
 * every browser its latest prices as a server-sent event.
 */
@RestController
public class LivePrices implements DisposableBean {

    private static final long SEND_EVERY_MILLIS = 500;
    private static final List<String> SYMBOLS = TrafficGenerator.symbols();
    private static final Map<String, Integer> INDEX = index(SYMBOLS);

    private final ZeroGcEventPublisher events;
    private final Set<Browser> browsers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-prices-sender");
        thread.setDaemon(true);
        return thread;
    });

    LivePrices(ZeroGcEventPublisher events) {
        this.events = events;
        sender.scheduleWithFixedDelay(this::sendAll, SEND_EVERY_MILLIS, SEND_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens one browser's feed of prices.
     *
     * @return the stream of {@code prices} events, one every half second
     */
    @GetMapping(path = "/api/prices", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter open() {
        SseEmitter emitter = new SseEmitter(0L); // no time limit: the feed lasts as long as the browser
        Browser browser = new Browser(emitter);
        browser.subscription = events.subscribe(QuoteTick.class, Delivery.ASYNC, browser::record);
        browsers.add(browser);
        emitter.onCompletion(browser::leave);
        emitter.onTimeout(browser::leave);
        emitter.onError(error -> browser.leave());
        return emitter;
    }

    /**
     * Browsers connected now, each with its subscription.
     *
     * @return how many
     */
    public int browsers() {
        return browsers.size();
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
        new ArrayList<>(browsers).forEach(Browser::leave);
    }

    private void sendAll() {
        for (Browser browser : browsers) {
            browser.send();
        }
    }

    private static Map<String, Integer> index(List<String> symbols) {
        Map<String, Integer> index = new ConcurrentHashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            index.put(symbols.get(i), i);
        }
        return Map.copyOf(index);
    }

    /**
     * One symbol's figures in a {@code prices} event.
     *
     * @param symbol the instrument
     * @param priceCents its last price, in cents
     * @param ticks the ticks this browser's subscriber got for it since the last event
     */
    public record Price(String symbol, long priceCents, long ticks) {
    }

    /** One connected browser: its emitter, its subscription and what its subscriber saw. */
    private final class Browser {

        private final SseEmitter emitter;
        /** Written by the one consumer thread the subscription runs on; read by the sender. */
        private final AtomicLongArray prices = new AtomicLongArray(SYMBOLS.size());
        private final AtomicLongArray ticks = new AtomicLongArray(SYMBOLS.size());
        private final long[] sentTicks = new long[SYMBOLS.size()];
        volatile Subscription subscription;

        Browser(SseEmitter emitter) {
            this.emitter = emitter;
        }

        /** The subscriber: on a consumer thread, the tick valid during this call only. */
        void record(QuoteTick tick) {
            Integer at = INDEX.get(tick.symbol());
            if (at != null) {
                prices.lazySet(at, tick.priceCents());
                ticks.lazySet(at, ticks.get(at) + 1);
            }
        }

        void send() {
            List<Price> figures = new ArrayList<>(SYMBOLS.size());
            for (int i = 0; i < SYMBOLS.size(); i++) {
                long seen = ticks.get(i);
                figures.add(new Price(SYMBOLS.get(i), prices.get(i), seen - sentTicks[i]));
                sentTicks[i] = seen;
            }
            try {
                emitter.send(SseEmitter.event().name("prices").data(figures, MediaType.APPLICATION_JSON));
            }
            catch (IOException | IllegalStateException ex) {
                leave(); // the browser went: its subscription goes too
            }
        }

        void leave() {
            if (browsers.remove(this)) {
                Subscription open = subscription;
                if (open != null) {
                    open.close();
                }
                try {
                    emitter.complete();
                }
                catch (IllegalStateException alreadyDone) {
                    // completed by the container already: nothing left to end
                }
            }
        }
    }
}
