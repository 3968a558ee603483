package io.zerogc.sample;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.zerogc.events.PooledEvent;

/**
 * A client placed an order. Pooled: borrowed, filled, published, and back in its pool once its last
 * listener is done, so placing orders at any rate allocates nothing. With the {@code kafka} profile its
 * fields are sent as JSON (written before the order goes back to its pool); other instances receive it
 * as a {@link RemoteOrder}.
 */
public class OrderPlaced extends PooledEvent implements OrderEvent {

    private long orderId;
    private String symbol;
    private int quantity;
    private long priceCents;

    /**
     * Fills a borrowed order.
     *
     * @param orderId the order's id
     * @param symbol the instrument
     * @param quantity how many units
     * @param priceCents the limit price, in cents
     * @return the order
     */
    OrderPlaced fill(long orderId, String symbol, int quantity, long priceCents) {
        this.orderId = orderId;
        this.symbol = symbol;
        this.quantity = quantity;
        this.priceCents = priceCents;
        return this;
    }

    @Override
    @JsonProperty // its JSON, when the kafka profile sends it
    public long orderId() {
        checkNotReleased();
        return orderId;
    }

    /**
     * The instrument.
     *
     * @return the symbol
     */
    @JsonProperty
    public String symbol() {
        checkNotReleased();
        return symbol;
    }

    /**
     * How many units.
     *
     * @return the quantity
     */
    @JsonProperty
    public int quantity() {
        checkNotReleased();
        return quantity;
    }

    /**
     * The limit price.
     *
     * @return cents
     */
    @JsonProperty
    public long priceCents() {
        checkNotReleased();
        return priceCents;
    }

    @Override
    protected void reset() {
        orderId = 0;
        symbol = null;
        quantity = 0;
        priceCents = 0;
    }
}
