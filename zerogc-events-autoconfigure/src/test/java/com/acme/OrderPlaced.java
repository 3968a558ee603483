package com.acme;

/** The event of the README's invalid listener example. */
public record OrderPlaced(long orderId) {
}
