package io.zerogc.events;

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
 * deliveries, generation) lives on the instance: no lookup, no allocation per publish. The fields are
 * private; the pool reaches them through variable handles, so none of it is API.
 */
public abstract class PooledEvent {

    /** The pool's state of an instance that is back in its pool. */
    private static final int FREE = 1;

    // Written by the owning pool (io.zerogc.events.pool), which reads and writes them through VarHandles.
    @SuppressWarnings("unused")
    private Object pool;
    @SuppressWarnings("unused")
    private int slot = -1;
    private boolean verify;
    private volatile int state;
    @SuppressWarnings("unused")
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
        if (verify && state == FREE) {
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
}
