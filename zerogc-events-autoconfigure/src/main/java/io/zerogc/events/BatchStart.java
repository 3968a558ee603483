package io.zerogc.events;

/**
 * Implemented by a bean whose asynchronous {@link ZeroGcListener} methods want to know when a batch
 * begins, as the LMAX Disruptor's {@code onBatchStart} tells its handlers: before the first event of each
 * batch a consumer delivers that holds events for one of the bean's asynchronous listener methods, once
 * per such method, on the consumer thread. With {@code boolean endOfBatch} on the methods, a bean can
 * size a buffer at the start and flush it at the end.
 *
 * <p>A delivery the publishing thread makes itself ({@code caller-runs}) is a batch of one with no batch
 * start: its {@code endOfBatch} is {@code true}.
 */
public interface BatchStart {

    /**
     * A batch begins.
     *
     * @param events how many events of the batch the listener method gets
     * @param queueDepth how many more events were waiting in the ring behind the batch when it began
     */
    void onBatchStart(int events, long queueDepth);
}
