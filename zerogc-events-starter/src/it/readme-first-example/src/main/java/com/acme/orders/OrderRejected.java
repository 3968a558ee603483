package com.acme.orders;

public record OrderRejected(long orderId) { }
