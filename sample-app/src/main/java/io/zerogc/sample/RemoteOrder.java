package io.zerogc.sample;

/**
 * An order placed on another instance, received through Kafka with the {@code kafka} profile: the
 * fields of its {@link OrderPlaced}, in a plain record (a received event is a new object, not one
 * borrowed from a pool).
 *
 * @param orderId the order's id on the instance that placed it
 * @param symbol the instrument
 * @param quantity how many units
 * @param priceCents the limit price, in cents
 */
public record RemoteOrder(long orderId, String symbol, int quantity, long priceCents) {
}
