package io.zerogc.events.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Base class of events that are borrowed from a pool, filled, published, and returned to the pool
 * once their last listener has run, so that publishing allocates not even the event.
 *
 * <p>A subclass needs an accessible no-arg constructor and implements {@link #reset()}, which the pool
 * calls when the instance comes back. The rule for listeners: <b>an instance is only valid during the
 * listener call that receives it</b>; keep the values you need, never the instance. Getters that call
 * {@link #checkNotReleased()} make a breach visible when {@code zerogc.events.pool.verify=true}.
 *
 * <p>It is a class rather than an interface because the pool's bookkeeping (slot, state, pending
 * deliveries, generation) lives on the instance: no lookup, no allocation per publish.
 */
public abstract class PooledEvent {

    static final int UNPOOLED = 0;
    static final int FREE = 1;
    static final int BORROWED = 2;
    static final int PUBLISHED = 3;

    private static final VarHandle STATE;
    private static final VarHandle PENDING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(PooledEvent.class, "state", int.class);
            PENDING = lookup.findVarHandle(PooledEvent.class, "pending", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    EventPool<?> pool;
    int slot = -1;
    boolean verify;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = UNPOOLED;
    @SuppressWarnings("unused") // accessed through PENDING
    private volatile int pending;
    private int generation;

    /**
     * For subclasses.
     */
    protected PooledEvent() {
    }

    /**
     * Clears the instance for its next use. Called by the pool when the instance comes back, on the
     * thread that ran the last listener.
     */
    protected abstract void reset();

    /**
     * Throws if the instance has gone back to its pool and verification is on; call it from getters.
     * A plain field read when verification is off.
     *
     * @throws IllegalStateException if read after release with {@code zerogc.events.pool.verify=true}
     */
    protected final void checkNotReleased() {
        if (verify && (int) STATE.getAcquire(this) == FREE) {
            throw new IllegalStateException(getClass().getName() + " (generation " + generation
                    + ") used after it went back to its pool: a listener kept a reference to a pooled event"
                    + " past its call");
        }
    }

    /**
     * How many times this instance has been handed out.
     *
     * @return the generation
     */
    public final int generation() {
        return generation;
    }

    boolean transition(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    int state() {
        return (int) STATE.getAcquire(this);
    }

    void lease() {
        generation++;
        STATE.setRelease(this, BORROWED);
    }

    void setPending(int holds) {
        PENDING.setRelease(this, holds);
    }

    /** Releases holds; true when that was the last one. */
    boolean releaseHolds(int holds) {
        return (int) PENDING.getAndAdd(this, -holds) == holds;
    }
}
