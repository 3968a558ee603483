package io.zerogc.sample;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs first on every order, on the publishing thread; an order over the quantity limit is answered
 * with an {@link OrderRejected}, which the starter publishes because the listener returns it.
 */
@Component
public class RiskCheck {

    static final String OVER_LIMIT = "quantity over limit";

    private final int maxQuantity;

    RiskCheck(SampleProperties properties) {
        this.maxQuantity = properties.getMaxQuantity();
    }

    /**
     * Checks one order.
     *
     * @param order the order
     * @return a rejection, or {@code null} when the order passes
     */
    @ZeroGcListener(delivery = Delivery.SYNC)
    @Order(0)
    public OrderRejected check(OrderPlaced order) {
        return order.quantity() > maxQuantity ? new OrderRejected(order.orderId(), OVER_LIMIT) : null;
    }
}
