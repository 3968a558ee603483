package io.zerogc.sample;

/**
 * Anything that happens to an order.
 */
public interface OrderEvent {

    /**
     * The order's id.
     *
     * @return the id
     */
    long orderId();
}
