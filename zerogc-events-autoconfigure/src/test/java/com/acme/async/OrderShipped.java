package com.acme.async;

public record OrderShipped(long orderId, int parcels) { }
