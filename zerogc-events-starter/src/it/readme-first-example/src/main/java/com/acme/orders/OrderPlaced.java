package com.acme.orders;

public record OrderPlaced(long orderId, int quantity) { }
