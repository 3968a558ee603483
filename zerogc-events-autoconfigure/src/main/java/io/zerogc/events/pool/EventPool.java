package io.zerogc.events.pool;

import io.zerogc.events.PoolExhaustedException;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.util.BackOff;
import io.zerogc.events.util.ConsumerThread;
import io.zerogc.events.util.Ownership;
import io.zerogc.events.util.Sequence;
import io.zerogc.events.stats.PoolStatistics;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Modifier;

/**
 * The pre-allocated instances of one pooled event type and the lock-free free list of their slots.
 *
 * <p>The thread that borrows first becomes the pool's <em>owner</em> (one CAS) and keeps a small stash
 * of free slots that only it reads and writes: an instance it returns itself (a type with synchronous
 * listeners only, published on the borrowing thread) goes to the stash and is borrowed again from it,
 * with plain loads and stores and none of the free list's CASes. The instance it returned last is
 * kept in front of the stash by reference, so that the usual cycle of one event at a time (borrow,
 * publish, return) is one load and one store: no count and no slot to look up, each of which the next
 * borrow would wait for through memory. The owner holds at most {@value #STASH} instances so (fewer in
 * small pools, none below 4), and every other thread borrows from the free list, as before. When the
 * owner ends, the first thread to find the pool exhausted (or a statistics reader) takes the stash back
 * into the free list and frees the ownership: the thread's termination happens-before that thread sees
 * it not alive.
 *
 * @param <E> the pooled type
 */
public final class EventPool<E extends PooledEvent> {

    private final Class<E> type;
    private final PooledEvent[] instances;
    private final FreeList free;
    private final ExhaustedPolicy policy;
    private final boolean verify;
    private final MethodHandle constructor;
    private final Sequence misses = new Sequence(0);
    private final Sequence waits = new Sequence(0);
    /** The thread whose stash this is: claimed by CAS from {@code null}, freed when it has ended. */
    private volatile Thread owner;
    /** The free instance the owner returned last, borrowed first; {@code null} if none. Owner only (opaque). */
    private PooledEvent hot;
    /** Whether the owner keeps {@link #hot}: not in pools too small to spare one. */
    private final boolean keepsHot;
    /** More free slots only the owner uses, behind {@link #hot}; {@code stash[0..stashed)}. */
    private final int[] stash;
    /** Written by the owner alone (opaque), read by statistics. */
    private int stashed;

    /** Most slots the owner keeps to itself. */
    static final int STASH = 8;
    /** A waiting borrower looks for an ended owner's stash once in this many rounds (plus one). */
    private static final int RECLAIM_EVERY = 255;
    private static final VarHandle OWNER;
    private static final VarHandle STASHED;
    private static final VarHandle HOT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(EventPool.class, "owner", Thread.class);
            STASHED = lookup.findVarHandle(EventPool.class, "stashed", int.class);
            HOT = lookup.findVarHandle(EventPool.class, "hot", PooledEvent.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * Creates the pool and all its instances.
     *
     * @param type the pooled type: concrete, with an accessible no-arg constructor
     * @param size how many instances
     * @param policy what borrowing does when all are in use
     * @param verify whether released instances report use after release: each is then quarantined for
     *     good and replaced by a fresh instance, so a reference kept past release never sees another
     *     event's data
     * @throws IllegalArgumentException naming the type when it cannot be pooled
     */
    public EventPool(Class<E> type, int size, ExhaustedPolicy policy, boolean verify) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size of " + type.getName() + " must be at least 1, was " + size);
        }
        this.type = type;
        this.policy = policy;
        this.verify = verify;
        this.constructor = constructorOf(type);
        this.instances = new PooledEvent[size];
        int held = Math.min(STASH, size / 4); // three quarters or more stay on the free list
        this.keepsHot = held > 0;
        this.stash = new int[Math.max(0, held - 1)];
        this.free = new FreeList(2 * size); // room to spare: an offer rarely meets a borrow in progress
        for (int slot = 0; slot < size; slot++) {
            PooledEvent instance = create(slot);
            PooledEventFields.transition(instance, PooledEventFields.UNPOOLED, PooledEventFields.FREE);
            instances[slot] = instance;
            free.offer(slot);
        }
    }

    /**
     * Hands out a free instance, or applies the exhaustion policy.
     *
     * @return an instance for the caller alone until it publishes it
     * @throws PoolExhaustedException under {@link ExhaustedPolicy#FAIL} when all are in use
     */
    @SuppressWarnings("unchecked") // every instance is made by the type's own constructor
    public E borrow() {
        int slot;
        Thread current = Thread.currentThread();
        // Only the owner writes itself here, and only an ended owner is replaced: a match is never stale.
        if (owner == current) {
            PooledEvent last = hot;
            if (last != null) {
                HOT.setOpaque(this, (PooledEvent) null);
                PooledEventFields.lease(last);
                return (E) last;
            }
            if (stashed > 0) {
                int left = stashed - 1;
                slot = stash[left];
                STASHED.setOpaque(this, left);
                PooledEvent instance = instances[slot];
                PooledEventFields.lease(instance);
                return (E) instance;
            }
        }
        if (owner == null) {
            OWNER.compareAndSet(this, (Thread) null, current);
        }
        slot = free.poll();
        if (slot < 0) {
            reclaimStashOfEndedOwner();
            slot = free.poll();
        }
        if (slot < 0) {
            slot = exhausted();
            if (slot < 0) {
                PooledEvent extra = create(-1); // ALLOCATE: a miss, discarded on release
                PooledEventFields.lease(extra);
                return (E) extra;
            }
        }
        PooledEvent instance = instances[slot];
        PooledEventFields.lease(instance);
        return (E) instance;
    }

    /**
     * Marks a borrowed instance published and records how many deliveries will release it.
     *
     * @param event the instance
     * @param holds the publishing thread's own hold (1) plus one per consumer thread it goes to
     * @throws IllegalStateException if it was not borrowed from a pool, or was published already
     */
    public static void beginPublish(PooledEvent event, int holds) {
        checkPooled(event);
        if (!PooledEventFields.transition(event, PooledEventFields.BORROWED, PooledEventFields.PUBLISHED)) {
            throw notBorrowed(event);
        }
        PooledEventFields.setPending(event, holds);
    }

    /**
     * Marks a borrowed instance published that only the publishing thread delivers: no holds to count,
     * and {@link #endSolePublish} returns it. The state moves by a check and a store rather than a CAS:
     * a second publish, or a publish after giving back, is refused as with {@link #beginPublish}, as long
     * as it does not race with the first on another thread (then the CAS alone would catch it).
     *
     * @param event the instance
     * @throws IllegalStateException if it was not borrowed from a pool, or was published already
     */
    public static void beginSolePublish(PooledEvent event) {
        checkPooled(event);
        if (!PooledEventFields.publishAlone(event)) {
            throw notBorrowed(event);
        }
    }

    private static void checkPooled(PooledEvent event) {
        if (PooledEventFields.pool(event) == null) {
            throw new IllegalStateException(event.getClass().getName() + " was not borrowed from its pool:"
                    + " borrow pooled events with ZeroGcEventPublisher.borrow instead of new");
        }
    }

    private static IllegalStateException notBorrowed(PooledEvent event) {
        return new IllegalStateException(event.getClass().getName() + " (generation " + event.generation()
                + ") is " + (PooledEventFields.state(event) == PooledEventFields.PUBLISHED ? "already published"
                        : "back in its pool") + ": a pooled event is published once per borrow");
    }

    /**
     * Releases holds on a published instance; the last one resets it and returns it to its pool.
     *
     * @param event the instance
     * @param holds how many holds to release
     */
    public static void release(PooledEvent event, int holds) {
        if (PooledEventFields.releaseHolds(event, holds)) {
            PooledEventFields.pool(event).recycle(event, PooledEventFields.PUBLISHED);
        }
    }

    /**
     * Returns an instance published with {@link #beginSolePublish}, from the publishing thread once its
     * listeners are done. Its state needs no CAS: only this thread may move a published instance on.
     *
     * @param event the instance
     */
    public static void endSolePublish(PooledEvent event) {
        PooledEventFields.pool(event).recycle(event, -1);
    }

    /**
     * Returns a borrowed instance that will not be published.
     *
     * @param event the instance
     * @throws IllegalStateException if it is not currently borrowed
     */
    public static void giveBack(PooledEvent event) {
        EventPool<?> pool = PooledEventFields.pool(event);
        if (pool == null || PooledEventFields.state(event) != PooledEventFields.BORROWED) {
            throw new IllegalStateException(event.getClass().getName() + " is not a borrowed, unpublished instance");
        }
        pool.recycle(event, PooledEventFields.BORROWED);
    }

    /**
     * The pool's figures.
     *
     * @return size, instances in use, misses and waits
     */
    public PoolStatistics statistics() {
        reclaimStashOfEndedOwner();
        int held = (int) STASHED.getOpaque(this) + (HOT.getOpaque(this) != null ? 1 : 0);
        return new PoolStatistics(type.getName(), instances.length, instances.length - free.size() - held,
                misses.get(), waits.get());
    }

    /** Moves an ended owner's stash to the free list and frees the ownership for the next borrower. */
    void reclaimStashOfEndedOwner() {
        Thread ended = owner;
        if (!Ownership.ended(ended)) {
            return;
        }
        synchronized (this) { // one reclaimer; the owner is gone, so nobody else touches the stash
            if (owner != ended) {
                return;
            }
            int count = stashed;
            for (int i = 0; i < count; i++) {
                offer(stash[i]);
            }
            STASHED.setOpaque(this, 0);
            PooledEvent last = hot;
            if (last != null) {
                offer(PooledEventFields.slot(last));
                HOT.setOpaque(this, (PooledEvent) null);
            }
            owner = null;
        }
    }

    /**
     * The pooled type.
     *
     * @return the type
     */
    public Class<E> type() {
        return type;
    }

    /** Resets and frees an instance; {@code from} -1 for a sole publisher's, whose state it alone moves. */
    private void recycle(PooledEvent event, int from) {
        PooledEventFields.reset(event);
        int slot = PooledEventFields.slot(event);
        boolean freed = true;
        if (from < 0) {
            PooledEventFields.free(event);
        }
        else {
            freed = PooledEventFields.transition(event, from, PooledEventFields.FREE);
        }
        if (freed && slot >= 0) {
            Thread current = Thread.currentThread();
            PooledEvent returned = event;
            if (verify) {
                // Quarantine: the released instance stays FREE for good, so every read through a reference a
                // listener kept throws, however long after; its slot gets a fresh instance. Allocates, which
                // verify mode, a testing mode, may.
                PooledEvent fresh = create(slot);
                PooledEventFields.transition(fresh, PooledEventFields.UNPOOLED, PooledEventFields.FREE);
                instances[slot] = fresh; // published to the next borrower by the free list's release/acquire
                returned = fresh;
            }
            if (owner == current) { // the owner returns it to itself: no CAS
                if (keepsHot && hot == null) {
                    HOT.setOpaque(this, returned);
                    return;
                }
                if (stashed < stash.length) {
                    stash[stashed] = slot;
                    STASHED.setOpaque(this, stashed + 1);
                    return;
                }
            }
            offer(slot);
        }
    }

    /**
     * Puts a slot on the free list. It never holds more slots than it has cells, so a refused offer only
     * means a borrower has claimed the cell's previous lap and not yet released it: wait for that, never
     * drop the slot, and back off, since that borrower may be descheduled.
     */
    private void offer(int slot) {
        for (int idle = 0; !free.offer(slot); idle++) {
            BackOff.pause(idle);
        }
    }

    /** Waits for, or gives up on, a free slot; -1 means allocate. */
    private int exhausted() {
        switch (policy) {
            case FAIL -> throw new PoolExhaustedException(type, instances.length);
            case ALLOCATE -> {
                misses.getAndAdd(1);
                return -1;
            }
            default -> {
                if (ConsumerThread.isCurrent()) {
                    // Consumers release instances: one that waited here could be waiting for itself.
                    misses.getAndAdd(1);
                    return -1;
                }
                waits.getAndAdd(1);
                for (int idle = 0; ; idle++) {
                    int slot = free.poll();
                    if (slot >= 0) {
                        return slot;
                    }
                    if ((idle & RECLAIM_EVERY) == RECLAIM_EVERY) {
                        reclaimStashOfEndedOwner(); // the instances a waiter needs may sit in an ended owner's stash
                    }
                    BackOff.pause(idle);
                }
            }
        }
    }

    private PooledEvent create(int slot) {
        PooledEvent instance;
        try {
            instance = (PooledEvent) constructor.invoke();
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Constructor of pooled " + type.getName() + " failed", ex);
        }
        PooledEventFields.attach(instance, this, slot, verify);
        return instance;
    }

    /**
     * The no-arg constructor of a pooled event type, as a handle returning {@code Object}: what a pool
     * creates its instances with, and what a publisher with pooling off hands out a new instance with.
     *
     * @param type a concrete subclass of {@link PooledEvent}
     * @return the constructor
     * @throws IllegalArgumentException if the type cannot be pooled, saying why
     */
    public static MethodHandle constructorOf(Class<?> type) {
        if (!PooledEvent.class.isAssignableFrom(type) || type.isInterface()
                || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " cannot be pooled: a pooled event type must be a"
                    + " concrete subclass of " + PooledEvent.class.getName());
        }
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findConstructor(type, MethodType.methodType(void.class)).asType(
                            MethodType.methodType(Object.class));
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalArgumentException(type.getName() + " cannot be pooled: it has no no-arg constructor,"
                    + " which the pool needs to create its instances up front");
        }
        catch (IllegalAccessException ex) {
            throw new IllegalArgumentException(type.getName() + " cannot be pooled: its no-arg constructor cannot"
                    + " be accessed (" + ex.getMessage() + ")");
        }
    }
}
