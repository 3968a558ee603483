package com.acme.feed;

import io.zerogc.events.Delivery;
import io.zerogc.events.Subscription;
import io.zerogc.events.ZeroGcEventPublisher;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

@Component
public class PriceFeed {

    private final ZeroGcEventPublisher events;

    public PriceFeed(ZeroGcEventPublisher events) {
        this.events = events;
    }

    /** One connected client's prices of one symbol, on a consumer thread: close it when the client leaves. */
    public Subscription follow(String symbol, Consumer<PriceChanged> client) {
        return events.subscribe(PriceChanged.class, Delivery.ASYNC, price -> {
            if (price.symbol().equals(symbol)) {
                client.accept(price);
            }
        });
    }
}
