package io.zerogc.events.ring;

/**
 * How a consumer thread waits when the ring has nothing for it. Implementations allocate nothing per
 * wait.
 */
public interface WaitStrategy {

    /**
     * Called once per consumer before it starts waiting.
     *
     * @param consumer the consumer
     */
    default void register(RingConsumer consumer) {
    }

    /**
     * A consumer found nothing to read; wait a little before it looks again.
     *
     * @param idleRounds how many times in a row it found nothing, from 0
     * @param consumer the consumer, whose {@link RingConsumer#hasWork()} tells whether to stop waiting
     */
    void idle(int idleRounds, RingConsumer consumer);

    /**
     * Called by a producer after each publish: wakes consumers this strategy parked. A no-op for
     * strategies that never park indefinitely.
     */
    default void signal() {
    }
}
