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
 * @param maxBatch most slots a consumer delivers in one batch
 * @param contextCarrier carries the publisher's context to the asynchronous listeners; {@code null} for none
 */
public record AsyncSettings(int ringSize, int consumers, WaitStrategy waitStrategy, OverflowPolicy overflow,
        ThreadFactory threadFactory, ListenerErrorHandler errorHandler, int maxBatch,
        ContextCarrier contextCarrier) {

    /** Batches of at most this many slots, unless told otherwise. */
    public static final int DEFAULT_MAX_BATCH = 256;

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
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
    }

    /**
     * Settings that carry no context.
     *
     * @param ringSize slots in the ring, a power of two
     * @param consumers consumer threads
     * @param waitStrategy how idle consumers wait
     * @param overflow what a publisher does when the ring is full
     * @param threadFactory creates the consumer threads
     * @param errorHandler receives the failures of asynchronous listeners
     * @param maxBatch most slots a consumer delivers in one batch
     */
    public AsyncSettings(int ringSize, int consumers, WaitStrategy waitStrategy, OverflowPolicy overflow,
            ThreadFactory threadFactory, ListenerErrorHandler errorHandler, int maxBatch) {
        this(ringSize, consumers, waitStrategy, overflow, threadFactory, errorHandler, maxBatch, null);
    }

    /**
     * Settings with batches of at most {@link #DEFAULT_MAX_BATCH} slots.
     *
     * @param ringSize slots in the ring, a power of two
     * @param consumers consumer threads
     * @param waitStrategy how idle consumers wait
     * @param overflow what a publisher does when the ring is full
     * @param threadFactory creates the consumer threads
     * @param errorHandler receives the failures of asynchronous listeners
     */
    public AsyncSettings(int ringSize, int consumers, WaitStrategy waitStrategy, OverflowPolicy overflow,
            ThreadFactory threadFactory, ListenerErrorHandler errorHandler) {
        this(ringSize, consumers, waitStrategy, overflow, threadFactory, errorHandler, DEFAULT_MAX_BATCH);
    }

    /**
     * The same settings with another number of consumers.
     *
     * @param count consumer threads
     * @return the settings
     */
    public AsyncSettings withConsumers(int count) {
        return new AsyncSettings(ringSize, count, waitStrategy, overflow, threadFactory, errorHandler, maxBatch,
                contextCarrier);
    }

    /**
     * The same settings with another batch bound.
     *
     * @param slots most slots a consumer delivers in one batch
     * @return the settings
     */
    public AsyncSettings withMaxBatch(int slots) {
        return new AsyncSettings(ringSize, consumers, waitStrategy, overflow, threadFactory, errorHandler, slots,
                contextCarrier);
    }

    /**
     * The same settings carrying the publisher's context.
     *
     * @param carrier what carries it; {@code null} for none
     * @return the settings
     */
    public AsyncSettings withContextCarrier(ContextCarrier carrier) {
        return new AsyncSettings(ringSize, consumers, waitStrategy, overflow, threadFactory, errorHandler, maxBatch,
                carrier);
    }
}
