package io.zerogc.events.ring;

/**
 * Spins briefly, then yields the core on every round: low latency, and idle consumers give way to
 * other runnable threads (but still show as busy).
 */
public final class YieldingWaitStrategy implements WaitStrategy {

    private static final int SPINS = 100;

    @Override
    public void idle(int idleRounds, RingConsumer consumer) {
        if (idleRounds < SPINS) {
            Thread.onSpinWait();
        }
        else {
            Thread.yield();
        }
    }
}
