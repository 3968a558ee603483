package io.zerogc.events.pool;

import io.zerogc.events.PooledEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * The pool's bookkeeping on each {@link PooledEvent}: its owning pool, slot, state, pending holds and
 * generation. The fields are private to the public class and reached here through static final
 * handles, which the JIT compiles to plain field accesses.
 */
final class PooledEventFields {

    static final int UNPOOLED = 0;
    /** Must equal {@code PooledEvent.FREE}, which {@code checkNotReleased} compares with. */
    static final int FREE = 1;
    static final int BORROWED = 2;
    static final int PUBLISHED = 3;

    private static final VarHandle POOL;
    private static final VarHandle SLOT;
    private static final VarHandle VERIFY;
    private static final VarHandle STATE;
    private static final VarHandle PENDING;
    private static final VarHandle GENERATION;
    private static final MethodHandle RESET;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(PooledEvent.class, MethodHandles.lookup());
            POOL = lookup.findVarHandle(PooledEvent.class, "pool", Object.class);
            SLOT = lookup.findVarHandle(PooledEvent.class, "slot", int.class);
            VERIFY = lookup.findVarHandle(PooledEvent.class, "verify", boolean.class);
            STATE = lookup.findVarHandle(PooledEvent.class, "state", int.class);
            PENDING = lookup.findVarHandle(PooledEvent.class, "pending", int.class);
            GENERATION = lookup.findVarHandle(PooledEvent.class, "generation", int.class);
            RESET = lookup.findVirtual(PooledEvent.class, "reset", MethodType.methodType(void.class));
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private PooledEventFields() {
    }

    /** Binds a new instance to its pool; before the instance is shared with any other thread. */
    static void attach(PooledEvent event, EventPool<?> pool, int slot, boolean verify) {
        POOL.set(event, pool);
        SLOT.set(event, slot);
        VERIFY.set(event, verify);
    }

    static EventPool<?> pool(PooledEvent event) {
        return (EventPool<?>) POOL.get(event);
    }

    static int slot(PooledEvent event) {
        return (int) SLOT.get(event);
    }

    static boolean transition(PooledEvent event, int from, int to) {
        return STATE.compareAndSet(event, from, to);
    }

    /** BORROWED to PUBLISHED by a check and a store, for a publisher that alone delivers the instance. */
    static boolean publishAlone(PooledEvent event) {
        if ((int) STATE.getOpaque(event) != BORROWED) {
            return false;
        }
        STATE.setOpaque(event, PUBLISHED);
        return true;
    }

    /** Frees an instance whose state no other thread may move (its sole publisher's). */
    static void free(PooledEvent event) {
        STATE.setRelease(event, FREE);
    }

    static int state(PooledEvent event) {
        return (int) STATE.getAcquire(event);
    }

    /** Hands the instance out: a new generation, then the state, released so the borrower's reads follow. */
    static void lease(PooledEvent event) {
        GENERATION.set(event, (int) GENERATION.get(event) + 1);
        STATE.setRelease(event, BORROWED);
    }

    static void setPending(PooledEvent event, int holds) {
        PENDING.setRelease(event, holds);
    }

    /** Releases holds; true when that was the last one. */
    static boolean releaseHolds(PooledEvent event, int holds) {
        return (int) PENDING.getAndAdd(event, -holds) == holds;
    }

    static void reset(PooledEvent event) {
        try {
            RESET.invokeExact(event);
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("reset() of " + event.getClass().getName() + " failed", ex);
        }
    }
}
