package io.zerogc.events.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then sleeps in short parks: little CPU when idle, no signalling cost for
 * producers, latency of up to one park when traffic resumes.
 */
public final class SleepingWaitStrategy implements WaitStrategy {

    private static final int SPINS = 100;
    private static final int YIELDS = 200;
    private static final long PARK_NANOS = 50_000;

    @Override
    public void idle(int idleRounds, RingConsumer consumer) {
        if (idleRounds < SPINS) {
            Thread.onSpinWait();
        }
        else if (idleRounds < YIELDS) {
            Thread.yield();
        }
        else {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
    }
}
