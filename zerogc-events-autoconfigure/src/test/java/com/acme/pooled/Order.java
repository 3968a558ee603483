package com.acme.pooled;

public record Order(long id, int quantity) { }
