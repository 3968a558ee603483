package io.zerogc.events.stats;

import io.zerogc.events.util.Ownership;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One event type's publish count, exact, with a plain increment for the thread that publishes the type.
 *
 * <p>The first thread to publish the type becomes the count's <em>owner</em> (one CAS) and from then on
 * counts with a load and an opaque store into a field only it writes: no atomic instruction, no fence,
 * and the fewest loads a count can take (the owner field, the count). Any other thread counts in the
 * type's {@link StripedCounters}. An owner that has terminated no longer writes: a reader that finds one
 * frees the count (the thread's termination happens-before the reader sees it not alive) and the next
 * publisher takes it over, adding on to the value there. Readers add the owner's count and the stripes.
 *
 * <p>The counted fields sit between two cache lines of padding of their own, so owners of neighbouring
 * types' counts do not share a line.
 */
public final class PublishCounter extends PublishCounterFields {

    /** Padding after the counted fields. */
    long p10;
    long p11;
    long p12;
    long p13;
    long p14;
    long p15;
    long p16;
    long p17;
    long p18;
    long p19;
    long p20;
    long p21;
    long p22;
    long p23;
    long p24;

    private static final VarHandle OWNER;
    private static final VarHandle COUNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(PublishCounterFields.class, "owner", Thread.class);
            COUNT = lookup.findVarHandle(PublishCounterFields.class, "count", long.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final StripedCounters others;
    private final int index;

    /**
     * Creates a count.
     *
     * @param others where threads other than the owner count
     * @param index the type's counter in {@code others}
     */
    public PublishCounter(StripedCounters others, int index) {
        this.others = others;
        this.index = index;
    }

    /**
     * Adds one.
     */
    public void increment() {
        // Only the owner writes itself here, and only a dead owner is replaced: a match is never stale.
        if (owner == Thread.currentThread()) {
            COUNT.setOpaque(this, (long) COUNT.getOpaque(this) + 1L);
            return;
        }
        incrementSlowly();
    }

    private void incrementSlowly() {
        add(1L);
    }

    /**
     * Adds to the count: as {@link #increment()}, for the rare count that takes a step back (an event
     * counted as accepted whose publish failed) or more than one.
     *
     * @param delta what to add
     */
    public void add(long delta) {
        Thread current = Thread.currentThread();
        if (owner == current
                || OWNER.getVolatile(this) == null && OWNER.compareAndSet(this, (Thread) null, current)) {
            COUNT.setOpaque(this, (long) COUNT.getOpaque(this) + delta); // a previous owner's count, if any
            return;
        }
        others.add(index, delta);
    }

    /**
     * The count: the owner's and the other threads'. Frees the count of an owner that has ended.
     *
     * @return the total
     */
    public long sum() {
        freeEndedOwner();
        return (long) COUNT.getOpaque(this) + others.sum(index);
    }

    /**
     * Frees the count if its owner has ended; its value stays for the next owner to add on to.
     */
    public void freeEndedOwner() {
        Thread current = (Thread) OWNER.getVolatile(this);
        if (Ownership.ended(current)) {
            OWNER.compareAndSet(this, current, (Thread) null);
        }
    }

    /**
     * The thread that owns the count now.
     *
     * @return the owner, or {@code null} while none does
     */
    public Thread owner() {
        return (Thread) OWNER.getVolatile(this);
    }
}

/** Padding before the counted fields. */
class PublishCounterPadding {

    long p00;
    long p01;
    long p02;
    long p03;
    long p04;
    long p05;
    long p06;
    long p07;
    long p08;
    long p09;
    long p0a;
    long p0b;
    long p0c;
    long p0d;
    long p0e;
}

/** The counted fields: the owner, and its count. */
class PublishCounterFields extends PublishCounterPadding {

    /** Set by a thread to itself (CAS from {@code null}); cleared by readers once it has terminated. */
    Thread owner;
    /** Written by the owner alone. */
    long count;
}
