package io.zerogc.events.dispatch;

import io.zerogc.events.Subscription;
import java.util.function.Consumer;

/**
 * A listener subscribed at run time: the engine's side of a {@link Subscription}. The routes of the
 * classes it takes hold it in the {@link SubscriberLane} of its thread.
 */
final class Subscriber implements Subscription {

    /** {@link #consumer} of a subscriber called on the publishing thread. */
    static final int SYNC = -1;

    final Class<?> type;
    final Consumer<Object> listener;
    /** The consumer thread's index, or {@link #SYNC}. */
    final int consumer;
    /** Its number, in subscription order, from 1. */
    private final long number;
    private final Routes routes;
    /** The neighbours in the {@link Chain} of open subscriptions; guarded by the routes lock. */
    private Subscriber previous;
    private Subscriber next;
    /** Whether it is in the chain; guarded by the routes lock. */
    private boolean chained;

    @SuppressWarnings("unchecked")
    Subscriber(Class<?> type, Consumer<?> listener, int consumer, long number, Routes routes) {
        this.type = type;
        this.listener = (Consumer<Object>) listener;
        this.consumer = consumer;
        this.routes = routes;
        this.number = number;
    }

    boolean isAsync() {
        return consumer != SYNC;
    }

    /** Whether events of a class reach this subscriber. */
    boolean takes(Class<?> eventClass) {
        return type.isAssignableFrom(eventClass);
    }

    @Override
    public void close() {
        routes.unsubscribe(this); // a subscriber no longer in the chain of open ones is left as it is
    }

    /**
     * What error reports call it: its number, the type and the listener's class. Made when asked (a
     * failure), so that subscribing allocates no text.
     */
    @Override
    public String toString() {
        return "subscription #" + number + " to " + type.getName() + " (" + listener.getClass().getName() + ")";
    }

    /** The next open subscription, in subscription order; under the routes lock. */
    Subscriber next() {
        return next;
    }

    /**
     * The open subscriptions, in subscription order, linked through the subscribers: adding and removing
     * in constant time without allocating. Guarded by the routes lock.
     */
    static final class Chain {

        private Subscriber first;
        private Subscriber last;

        Subscriber first() {
            return first;
        }

        void add(Subscriber subscriber) {
            subscriber.previous = last;
            if (last == null) {
                first = subscriber;
            }
            else {
                last.next = subscriber;
            }
            last = subscriber;
            subscriber.chained = true;
        }

        /**
         * Takes a subscriber out.
         *
         * @return whether it was in
         */
        boolean remove(Subscriber subscriber) {
            if (!subscriber.chained) {
                return false;
            }
            if (subscriber.previous == null) {
                first = subscriber.next;
            }
            else {
                subscriber.previous.next = subscriber.next;
            }
            if (subscriber.next == null) {
                last = subscriber.previous;
            }
            else {
                subscriber.next.previous = subscriber.previous;
            }
            subscriber.previous = null;
            subscriber.next = null;
            subscriber.chained = false;
            return true;
        }
    }
}
