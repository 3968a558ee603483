package io.zerogc.events.ring;

import io.zerogc.events.util.ConsumerThread;
import io.zerogc.events.util.Sequence;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer thread: reads every published slot in order, in batches, hands each to its
 * {@link SlotHandler}, and advances its sequence once per batch.
 */
public final class RingConsumer implements Runnable {

    private final RingBuffer ring;
    private final int index;
    private final SlotHandler handler;
    /** At most this many slots per batch, so producers gated on this consumer see progress. */
    private final int maxBatch;
    /** Where the consumer is in its batch, for listeners that ask; {@code null} if none does. */
    private final BatchPosition position;
    private final Sequence sequence;
    private final Sequence batches = new Sequence(0);
    private final Sequence highWaterMark = new Sequence(0);
    private volatile long drainTo = Long.MAX_VALUE;
    private volatile boolean halted;
    private volatile Thread thread;

    /** Whether the consumer is parked by a {@link WaitStrategy}; written by the consumer only. */
    volatile boolean parked;

    /**
     * Creates a consumer.
     *
     * @param ring the ring
     * @param index which consumer of the ring it is
     * @param handler what it does with each slot
     */
    public RingConsumer(RingBuffer ring, int index, SlotHandler handler) {
        this(ring, index, handler, AsyncSettings.DEFAULT_MAX_BATCH, null);
    }

    /**
     * Creates a consumer that delivers batches of a bounded size and, if given a position, fixes each
     * batch before delivering it (the slots published when it begins, as the Disruptor's batch is), tells
     * the handler about it, and keeps the position at the slot it delivers.
     *
     * @param ring the ring
     * @param index which consumer of the ring it is
     * @param handler what it does with each slot
     * @param maxBatch most slots per batch
     * @param position where it is in its batch, for listeners that ask; {@code null} if none does
     */
    public RingConsumer(RingBuffer ring, int index, SlotHandler handler, int maxBatch, BatchPosition position) {
        this.ring = ring;
        this.index = index;
        this.handler = handler;
        this.maxBatch = maxBatch;
        this.position = position;
        this.sequence = ring.consumerSequence(index);
    }

    /**
     * Starts the consumer on a new thread; again after it stopped, where it left off.
     *
     * @param threads the factory for the thread
     */
    public void start(ThreadFactory threads) {
        Thread previous = thread;
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException("Consumer " + index + " is still running on " + previous.getName());
        }
        if (previous == null) {
            ring.waitStrategy().register(this);
        }
        // A consumer stopped by drainTo or halt starts again from the sequence after its last one.
        halted = false;
        drainTo = Long.MAX_VALUE;
        Thread started = threads.newThread(this);
        thread = started;
        started.start();
    }

    /**
     * The consumer's thread.
     *
     * @return the thread, or {@code null} before {@link #start}
     */
    public Thread thread() {
        return thread;
    }

    /**
     * Whether there is something to do: a published slot to read, or a reason to stop.
     *
     * @return {@code true} if waiting should end
     */
    public boolean hasWork() {
        long last = sequence.get();
        return ring.isPublished(last + 1) || halted || last >= drainTo;
    }

    /**
     * Asks the consumer to deliver everything up to and including a sequence, then stop.
     *
     * @param last the last sequence to deliver
     */
    public void drainTo(long last) {
        drainTo = last;
        wake();
    }

    /**
     * Stops the consumer after the slot it is delivering, leaving the rest undelivered.
     */
    public void halt() {
        halted = true;
        wake();
    }

    /**
     * Waits for the consumer's thread to end.
     *
     * @param nanos how long to wait at most
     * @return whether it ended
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(long nanos) throws InterruptedException {
        Thread running = thread;
        if (running == null) {
            return true;
        }
        running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        return !running.isAlive();
    }

    /**
     * How many batches the consumer has delivered.
     *
     * @return the count
     */
    public long batches() {
        return batches.get();
    }

    /**
     * The most slots in use ahead of this consumer at the start of a batch.
     *
     * @return the high-water mark
     */
    public long highWaterMark() {
        return highWaterMark.get();
    }

    /**
     * Starts the high-water mark afresh. Racy by design with the consumer's own update, which may
     * restore a mark it read just before: a gauge, not a counter.
     */
    public void resetHighWaterMark() {
        highWaterMark.set(0);
    }

    /**
     * The last sequence this consumer finished with.
     *
     * @return its sequence
     */
    public long sequence() {
        return sequence.get();
    }

    @Override
    public void run() {
        ConsumerThread.enter();
        try {
            consume();
        }
        finally {
            ConsumerThread.exit();
        }
    }

    private void consume() {
        WaitStrategy waitStrategy = ring.waitStrategy();
        long next = sequence.get() + 1;
        int idle = 0;
        while (!halted) {
            if (ring.isPublished(next)) {
                long inUse = ring.cursor() - (next - 1);
                if (inUse > highWaterMark.get()) {
                    highWaterMark.set(inUse); // written by this thread only
                }
                if (position == null) {
                    long end = next + maxBatch;
                    do {
                        deliver(next++);
                    }
                    while (next < end && !halted && ring.isPublished(next));
                }
                else {
                    next = deliverBatch(next);
                }
                endRestored();
                // The batch counted before the sequence moves: whoever sees the batch delivered sees it counted.
                batches.set(batches.get() + 1); // written by this thread only
                sequence.set(next - 1);
                idle = 0;
            }
            else if (next > drainTo) {
                return;
            }
            else {
                waitStrategy.idle(idle++, this);
            }
        }
    }

    /**
     * Fixes the batch (the slots published now, at most {@code maxBatch}), tells the handler, then
     * delivers it with the position kept at each slot.
     *
     * @return the slot after the last one delivered
     */
    private long deliverBatch(long first) {
        long limit = first + maxBatch;
        long end = first + 1;
        while (end < limit && ring.isPublished(end)) {
            end++;
        }
        position.thread = Thread.currentThread();
        try {
            handler.onBatchStart(index, first, end);
        }
        catch (Throwable ex) {
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, ex);
        }
        long next = first;
        do {
            position.current = next;
            deliver(next++);
        }
        while (next < end && !halted);
        return next;
    }

    private void deliver(long slot) {
        try {
            ring.consume(slot, handler, index);
        }
        catch (Throwable ex) {
            // The handler reports listener failures itself; this is a failure of the reporting, and the
            // consumer must outlive it.
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, ex);
        }
    }

    /** Ends the publisher's context the batch's last slots left restored, if any. */
    private void endRestored() {
        try {
            ring.endRestored(index);
        }
        catch (Throwable ex) {
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, ex);
        }
    }

    private void wake() {
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }
}
