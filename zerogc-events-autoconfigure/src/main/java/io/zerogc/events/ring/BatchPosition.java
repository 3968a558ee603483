package io.zerogc.events.ring;

import io.zerogc.events.BatchStart;
import java.util.Arrays;

/**
 * Where one consumer is in its current batch, for listeners that ask where a batch ends: written by the
 * consumer thread before each batch and each slot, read by the listeners' invokers on the same thread.
 * Each batch-observing listener of the consumer has a number {@code k}; before a batch, the consumer
 * finds every observing listener's last slot in it, and how many of its events it holds.
 */
public final class BatchPosition {

    private final BatchStart[] starts;
    private final String[] names;
    private final long[] lastSlot;
    private final int[] events;
    /** The consumer thread; a delivery on any other thread (caller-runs) is a batch of one. */
    Thread thread;
    /** The slot being delivered. */
    long current;

    /**
     * A position for the given observing listeners.
     *
     * @param starts per listener number, its bean's batch start callback, or {@code null}
     * @param names per listener number, its name, for failure reports
     */
    public BatchPosition(BatchStart[] starts, String[] names) {
        this.starts = starts.clone();
        this.names = names.clone();
        this.lastSlot = new long[starts.length];
        this.events = new int[starts.length];
    }

    /**
     * Whether the event being delivered is the last of its batch that listener {@code k} gets: on the
     * consumer thread, its last slot in the batch; on any other thread (caller-runs), always.
     *
     * @param k the listener's number
     * @return {@code true} at the end of the listener's share of the batch
     */
    public boolean isLast(int k) {
        return Thread.currentThread() != thread || current == lastSlot[k];
    }

    /** Starts a batch: no listener has a slot in it yet. */
    void begin() {
        Arrays.fill(lastSlot, -1L);
        Arrays.fill(events, 0);
    }

    /** Notes that the slot holds an event for listener {@code k}; slots come in order. */
    void take(int k, long slot) {
        lastSlot[k] = slot;
        events[k]++;
    }

    int listeners() {
        return lastSlot.length;
    }

    int events(int k) {
        return events[k];
    }

    BatchStart start(int k) {
        return starts[k];
    }

    String name(int k) {
        return names[k];
    }
}
