package com.acme.feed;

public record PriceChanged(String symbol, long priceCents) {
}
