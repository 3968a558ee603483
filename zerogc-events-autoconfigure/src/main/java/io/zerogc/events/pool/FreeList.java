package io.zerogc.events.pool;

import io.zerogc.events.util.BackOff;
import io.zerogc.events.util.Sequence;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded multi-producer, multi-consumer queue of {@code int}s, lock-free and allocation-free: the
 * free list of a pool.
 *
 * <p>Each cell carries a sequence number telling whose turn it is (the bounded MPMC queue design of
 * Dmitry Vyukov): a producer may write cell {@code p & mask} when its sequence equals {@code p}, and
 * publishes it by storing {@code p + 1} with release semantics; a consumer may read it when the
 * sequence equals {@code p + 1}, and frees it for the next lap by storing {@code p + capacity}.
 * Positions are claimed by CAS on padded counters.
 */
final class FreeList {

    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);

    private final int mask;
    private final long[] sequences;
    private final int[] values;
    private final Sequence enqueuePosition = new Sequence(0);
    private final Sequence dequeuePosition = new Sequence(0);

    FreeList(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.mask = size - 1;
        this.sequences = new long[size];
        this.values = new int[size];
        for (int i = 0; i < size; i++) {
            sequences[i] = i;
        }
    }

    /**
     * Adds a value.
     *
     * @return {@code false} if the queue is full
     */
    boolean offer(int value) {
        long position = enqueuePosition.get();
        while (true) {
            int cell = (int) position & mask;
            long sequence = (long) SEQUENCES.getAcquire(sequences, cell);
            long difference = sequence - position;
            if (difference == 0) {
                if (enqueuePosition.compareAndSet(position, position + 1)) {
                    values[cell] = value;
                    SEQUENCES.setRelease(sequences, cell, position + 1);
                    return true;
                }
                position = enqueuePosition.get();
            }
            else if (difference < 0) {
                return false;
            }
            else {
                position = enqueuePosition.get();
            }
        }
    }

    /**
     * Takes a value. Reports empty only when no value is queued: when the next cell's offer has claimed
     * its position but not yet published it (its producer may be descheduled between the two), the poll
     * waits for it, as JCTools' {@code MpmcArrayQueue.poll} does, rather than call a queue holding values
     * empty.
     *
     * @return the value, or -1 if the queue is empty
     */
    int poll() {
        long position = dequeuePosition.get();
        int idle = 0;
        while (true) {
            int cell = (int) position & mask;
            long sequence = (long) SEQUENCES.getAcquire(sequences, cell);
            long difference = sequence - (position + 1);
            if (difference == 0) {
                if (dequeuePosition.compareAndSet(position, position + 1)) {
                    int value = values[cell];
                    SEQUENCES.setRelease(sequences, cell, position + mask + 1);
                    return value;
                }
                position = dequeuePosition.get();
            }
            else if (difference < 0) {
                if (position >= enqueuePosition.get()) {
                    return -1; // nothing claimed beyond this position: empty
                }
                BackOff.pause(idle++); // an offer is under way at this position
                position = dequeuePosition.get();
            }
            else {
                position = dequeuePosition.get();
            }
        }
    }

    /**
     * How many values are queued, approximately while others offer and poll.
     *
     * @return the count
     */
    int size() {
        return (int) Math.max(0, enqueuePosition.get() - dequeuePosition.get());
    }
}
