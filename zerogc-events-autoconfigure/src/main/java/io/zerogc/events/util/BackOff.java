package io.zerogc.events.util;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for a resource another thread frees (a ring slot, a pooled instance): spin first,
 * then yield, then park a microsecond at a time. Allocation-free.
 */
public final class BackOff {

    private static final int SPINS = 100;
    private static final int YIELDS = 200;
    private static final long PARK_NANOS = 1_000;

    private BackOff() {
    }

    /**
     * Waits a little.
     *
     * @param idleRounds how many times in a row the caller found nothing, from 0
     */
    public static void pause(int idleRounds) {
        if (idleRounds < SPINS) {
            Thread.onSpinWait();
        }
        else if (idleRounds < YIELDS) {
            Thread.yield();
        }
        else {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
