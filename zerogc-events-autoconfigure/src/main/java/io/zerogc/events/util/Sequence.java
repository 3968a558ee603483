package io.zerogc.events.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} counter padded on both sides so that counters written by different threads never
 * share a cache line.
 */
public final class Sequence extends SequenceValue {

    @SuppressWarnings("unused")
    private long p9, p10, p11, p12, p13, p14, p15;

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SequenceValue.class, "value", long.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * Creates a sequence.
     *
     * @param initial the starting value
     */
    public Sequence(long initial) {
        VALUE.setRelease(this, initial);
    }

    /**
     * Reads with acquire semantics: writes made before the matching release are visible after.
     *
     * @return the value
     */
    public long get() {
        return (long) VALUE.getAcquire(this);
    }

    /**
     * Ordered write (a store/store barrier before it): earlier writes become visible no later than
     * this one. Cheap; no store/load barrier.
     *
     * @param value the new value
     */
    public void set(long value) {
        VALUE.setRelease(this, value);
    }

    /**
     * Atomically sets the value if it is the expected one (full fence).
     *
     * @param expected the value expected
     * @param value the new value
     * @return whether the value was set
     */
    public boolean compareAndSet(long expected, long value) {
        return VALUE.compareAndSet(this, expected, value);
    }

    /**
     * Atomically adds to the value (full fence).
     *
     * @param delta what to add
     * @return the value before
     */
    public long getAndAdd(long delta) {
        return (long) VALUE.getAndAdd(this, delta);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}

/** Padding before the value. */
abstract class SequencePadding {

    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
}

/** The value, between two paddings. */
abstract class SequenceValue extends SequencePadding {

    @SuppressWarnings("unused")
    volatile long value;
}
