package com.acme.pooled;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/** A classic listener: Spring calls it, the endpoint lists it. */
public class Ops {

    private volatile boolean ready;

    @EventListener
    void ready(ApplicationReadyEvent event) {
        ready = true;
    }

    boolean isReady() {
        return ready;
    }
}
