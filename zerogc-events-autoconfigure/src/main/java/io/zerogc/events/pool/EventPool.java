package io.zerogc.events.pool;

import io.zerogc.events.PoolExhaustedException;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.ring.BackOff;
import io.zerogc.events.ring.Sequence;
import io.zerogc.events.stats.PoolStatistics;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;

/**
 * The pre-allocated instances of one pooled event type and the lock-free free list of their slots.
 *
 * @param <E> the pooled type
 */
public final class EventPool<E extends PooledEvent> {

    private final Class<E> type;
    private final PooledEvent[] instances;
    private final IndexQueue free;
    private final ExhaustedPolicy policy;
    private final boolean verify;
    private final MethodHandle constructor;
    private final Sequence misses = new Sequence(0);
    private final Sequence waits = new Sequence(0);

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
        this.free = new IndexQueue(2 * size); // room to spare: an offer rarely meets a borrow in progress
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
    public E borrow() {
        int slot = free.poll();
        if (slot < 0) {
            slot = exhausted();
            if (slot < 0) {
                PooledEvent extra = create(-1); // ALLOCATE: a miss, discarded on release
                PooledEventFields.lease(extra);
                return type.cast(extra);
            }
        }
        PooledEvent instance = instances[slot];
        PooledEventFields.lease(instance);
        return type.cast(instance);
    }

    /**
     * Marks a borrowed instance published and records how many deliveries will release it.
     *
     * @param event the instance
     * @param holds the publishing thread's own hold (1) plus one per consumer thread it goes to
     * @throws IllegalStateException if it was not borrowed from a pool, or was published already
     */
    public static void beginPublish(PooledEvent event, int holds) {
        if (PooledEventFields.pool(event) == null) {
            throw new IllegalStateException(event.getClass().getName() + " was not borrowed from its pool:"
                    + " borrow pooled events with ZeroGcEventPublisher.borrow instead of new");
        }
        if (!PooledEventFields.transition(event, PooledEventFields.BORROWED, PooledEventFields.PUBLISHED)) {
            throw new IllegalStateException(event.getClass().getName() + " (generation " + event.generation()
                    + ") is " + (PooledEventFields.state(event) == PooledEventFields.PUBLISHED ? "already published" : "back in its pool")
                    + ": a pooled event is published once per borrow");
        }
        PooledEventFields.setPending(event, holds);
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
        return new PoolStatistics(type.getName(), instances.length, instances.length - free.size(), misses.get(),
                waits.get());
    }

    /**
     * The pooled type.
     *
     * @return the type
     */
    public Class<E> type() {
        return type;
    }

    private void recycle(PooledEvent event, int from) {
        PooledEventFields.reset(event);
        int slot = PooledEventFields.slot(event);
        if (PooledEventFields.transition(event, from, PooledEventFields.FREE) && slot >= 0) {
            if (verify) {
                // Quarantine: the released instance stays FREE for good, so every read through a reference a
                // listener kept throws, however long after; its slot gets a fresh instance. Allocates, which
                // verify mode, a testing mode, may.
                PooledEvent fresh = create(slot);
                PooledEventFields.transition(fresh, PooledEventFields.UNPOOLED, PooledEventFields.FREE);
                instances[slot] = fresh; // published to the next borrower by the free list's release/acquire
            }
            // The free list never holds more slots than it has cells, so a refused offer only means a borrower
            // has claimed the cell's previous lap and not yet released it: wait for that, never drop the slot,
            // and back off, since that borrower may be descheduled.
            for (int idle = 0; !free.offer(slot); idle++) {
                BackOff.pause(idle);
            }
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
                waits.getAndAdd(1);
                for (int idle = 0; ; idle++) {
                    int slot = free.poll();
                    if (slot >= 0) {
                        return slot;
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

    private static MethodHandle constructorOf(Class<?> type) {
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
