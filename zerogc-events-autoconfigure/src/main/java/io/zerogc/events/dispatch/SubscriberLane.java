package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.stats.DispatchCounters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * One class's compiled listeners on one thread (the publishing thread, or one consumer), then that
 * thread's run-time subscribers of the class, in subscription order.
 *
 * <p>The subscribers sit in an array with room to spare, read without a lock: a dispatch reads the
 * number of slots in use (one volatile read) and the array (an acquire read), then calls the non-empty
 * slots; no read per subscriber is volatile. Writers hold the engine's routes lock:
 * <ul>
 * <li>subscribing stores the subscriber in the first free slot, then raises the count (volatile), so a
 *     dispatch that reads the new count sees the subscriber;</li>
 * <li>closing empties the subscriber's slot, then writes the count again (same value), so a dispatch
 *     that starts after the close sees the empty slot;</li>
 * <li>when the array is full, or a quarter or less of the slots in use still hold a subscriber, the live
 *     ones move, in order, into a new array no shorter than the old one, published (release) before the
 *     new count, so that a dispatch that read the old count reads within bounds, and calls each live
 *     subscriber once whichever array it reads.</li>
 * </ul>
 * Both operations cost the subscriber's slot and, now and then, a copy: amortised constant time, and no
 * allocation beyond the copy. Calls are counted once per dispatch, by type and thread. A dispatch that
 * has read the array before a close may still call the closed subscriber; one that starts after never does.
 */
final class SubscriberLane extends Dispatcher {

    private static final VarHandle SLOTS;
    private static final int FIRST_CAPACITY = 4;
    /** A lane's dispatcher has no compiled listener ids of its own: its compiled dispatcher counts those. */
    private static final int[] NO_IDS = {};

    static {
        try {
            SLOTS = MethodHandles.lookup().findVarHandle(SubscriberLane.class, "slots", Subscriber[].class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The compiled listeners; {@code null} when the thread has subscribers only. */
    final Dispatcher compiled;
    /** {@link Subscriber#SYNC} or the consumer's index. */
    final int consumer;
    /** Where failures go; {@code null} to propagate the first to the publisher. */
    private final ListenerErrorHandler subscriberHandler;
    /** Written with release semantics (under the lock), read with acquire. */
    @SuppressWarnings("unused") // through SLOTS
    private Subscriber[] slots;
    /** Slots in use, from 0: every subscriber is below it, some slots below it may be empty. */
    private volatile int count;
    /** Subscribers in the slots; written and read under the routes lock only. */
    private int live;

    /**
     * A lane holding the given subscribers, in order.
     *
     * @param handler where failures go; {@code null} to propagate the first to the publisher
     */
    SubscriberLane(Dispatcher compiled, Subscriber[] subscribers, DispatchCounters counters, int type, int consumer,
            ListenerErrorHandler handler) {
        super(counters, type, NO_IDS);
        this.compiled = compiled;
        this.consumer = consumer;
        this.subscriberHandler = handler;
        Subscriber[] initial = new Subscriber[Math.max(FIRST_CAPACITY, Integer.highestOneBit(
                Math.max(1, subscribers.length)) << 1)];
        System.arraycopy(subscribers, 0, initial, 0, subscribers.length);
        SLOTS.setRelease(this, initial);
        this.live = subscribers.length;
        this.count = subscribers.length;
    }

    @Override
    void dispatch(Object event) {
        if (compiled != null) {
            compiled.dispatch(event);
        }
        int used = count;
        Subscriber[] subscribers = (Subscriber[]) SLOTS.getAcquire(this);
        int called = 0;
        try {
            for (int i = 0; i < used; i++) {
                Subscriber subscriber = subscribers[i];
                if (subscriber == null) {
                    continue;
                }
                called++;
                if (subscriberHandler == null) {
                    subscriber.listener.accept(event);
                }
                else {
                    callIsolated(subscriber, event);
                }
            }
        }
        catch (Throwable ex) {
            if (subscriberHandler == null) { // propagating: the first failure ends the dispatch
                counters.countSubscriberFailure(type);
                counters.countAborted(type);
            }
            throw sneaky(ex instanceof RuntimeException || ex instanceof Error ? ex
                    : new UndeclaredThrowableException(ex));
        }
        finally {
            if (called != 0) {
                counters.countSubscriberCalls(type, consumer + 1, called);
            }
        }
    }

    /** One call whose failure goes to the handler; a rethrow ends the dispatch. */
    private void callIsolated(Subscriber subscriber, Object event) {
        try {
            subscriber.listener.accept(event);
        }
        catch (Throwable ex) {
            counters.countSubscriberFailure(type);
            try {
                subscriberHandler.handleError(ex, event, subscriber.toString());
            }
            catch (RuntimeException | Error rethrown) {
                counters.countAborted(type);
                throw rethrown;
            }
        }
    }

    /* --- Writers: under the routes lock --- */

    /** Adds a subscriber after the others. */
    void add(Subscriber subscriber) {
        Subscriber[] current = current();
        int used = count;
        if (used == current.length) {
            current = compact(current, used, 2 * current.length);
            used = live;
        }
        current[used] = subscriber;
        live++;
        count = used + 1;
    }

    /**
     * Takes a subscriber out.
     *
     * @return whether it was here
     */
    boolean remove(Subscriber subscriber) {
        Subscriber[] current = current();
        int used = count;
        for (int i = used - 1; i >= 0; i--) { // the newest first: short-lived subscriptions close soonest
            if (current[i] == subscriber) {
                current[i] = null;
                live--;
                if (used >= 4 * FIRST_CAPACITY && 4 * live <= used) {
                    compact(current, used, current.length);
                    count = live;
                }
                else {
                    count = used; // the volatile write that publishes the empty slot
                }
                return true;
            }
        }
        return false;
    }

    /** Subscribers in the lane now. */
    int live() {
        return live;
    }

    /** The subscribers, in order. */
    Subscriber[] subscribers() {
        Subscriber[] current = current();
        Subscriber[] all = new Subscriber[live];
        int at = 0;
        for (int i = 0, used = count; i < used; i++) {
            if (current[i] != null) {
                all[at++] = current[i];
            }
        }
        return all;
    }

    private Subscriber[] current() {
        return (Subscriber[]) SLOTS.getAcquire(this);
    }

    /**
     * Moves the live subscribers, in order, to the front of a new array of the given length (at least the
     * old one's), and publishes it; the caller then writes the count.
     */
    private Subscriber[] compact(Subscriber[] current, int used, int length) {
        Subscriber[] next = new Subscriber[length];
        int at = 0;
        for (int i = 0; i < used; i++) {
            if (current[i] != null) {
                next[at++] = current[i];
            }
        }
        SLOTS.setRelease(this, next);
        return next;
    }
}
