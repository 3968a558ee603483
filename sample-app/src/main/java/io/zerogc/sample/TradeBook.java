package io.zerogc.sample;

import io.zerogc.events.ZeroGcListener;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Books every order and every rejection.
 */
@Component
public class TradeBook {

    private final LongAdder placed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder notionalCents = new LongAdder();

    /**
     * Books a placed order.
     *
     * @param order the order
     */
    @ZeroGcListener
    @Order(10)
    public void book(OrderPlaced order) {
        placed.increment();
        notionalCents.add(order.quantity() * order.priceCents());
    }

    /**
     * Counts a rejection.
     *
     * @param rejection the rejection
     */
    @ZeroGcListener
    public void reject(OrderRejected rejection) {
        rejected.increment();
    }

    /**
     * Totals so far.
     *
     * @return placed and rejected counts and the notional booked
     */
    public BookTotals totals() {
        return new BookTotals(placed.sum(), rejected.sum(), notionalCents.sum());
    }

    /**
     * Totals of the book.
     *
     * @param placed orders placed
     * @param rejected orders rejected
     * @param notionalCents quantity times price over all placed orders, in cents
     */
    public record BookTotals(long placed, long rejected, long notionalCents) {
    }
}
