package io.zerogc.events.ring;

import io.zerogc.events.ListenerErrorHandler;
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
     * Checks the settings; the ring size is checked by the ring itself.
     */
    public AsyncSettings {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        Objects.requireNonNull(waitStrategy, "waitStrategy");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(errorHandler, "errorHandler");
    }

    /**
     * The same settings with another number of consumers.
     *
     * @param count consumer threads
     * @return the settings
     */
    public AsyncSettings withConsumers(int count) {
        return new AsyncSettings(ringSize, count, waitStrategy, overflow, threadFactory, errorHandler);
    }
}
