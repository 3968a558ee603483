package io.zerogc.events.ring;

/**
 * Spins with {@link Thread#onSpinWait()}: the lowest latency, one core fully used per consumer even
 * when idle. Only for machines with a core to spare for each consumer.
 */
public final class BusySpinWaitStrategy implements WaitStrategy {

    @Override
    public void idle(int idleRounds, RingConsumer consumer) {
        Thread.onSpinWait();
    }
}
