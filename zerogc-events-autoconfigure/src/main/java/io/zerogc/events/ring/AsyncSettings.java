package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.WaitStrategy;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * How asynchronous delivery runs.
 *
 * @param ringSize slots in the ring, a power of two
 * @param consumers consumer threads; each asynchronous listener is assigned to exactly one
 * @param waitStrategy how idle consumers wait
 * @param overflow what a publisher does when the ring is full
 * @param threadFactory creates the consumer threads
 * @param errorHandler receives the failures of asynchronous listeners, which never reach the publisher
 */
public record AsyncSettings(int ringSize, int consumers, WaitStrategy waitStrategy, OverflowPolicy overflow,
        ThreadFactory threadFactory, ListenerErrorHandler errorHandler) {

    /**
     * Checks the settings.
     */
    public AsyncSettings {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two of at least 2, was " + ringSize);
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        Objects.requireNonNull(waitStrategy, "waitStrategy");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(errorHandler, "errorHandler");
    }
}
