package io.zerogc.events;

import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes events to compiled {@link ZeroGcListener} methods without allocating per event.
 *
 * <p>Publishing looks up the listener array of the event's class (computed once per class) and calls
 * each listener directly. It is safe to call from any number of threads at once, and from inside a
 * listener.
 *
 * <p>With {@code zerogc.events.pool.enabled=true}, events extending {@link PooledEvent} come from pools:
 * {@link #borrow} one, fill it, {@link #publish(Object)} it once; it returns to its pool after its last
 * listener. Or let a static filler do the middle step: {@code publish(OrderPlaced.class,
 * OrderPlaced::fill, order)}.
 *
 * <p>Code can also {@link #subscribe} listeners at run time (a feed per connected client, say), and close
 * them again: publishing stays free of locks and allocation whatever the number of subscribers.
 */
public interface ZeroGcEventPublisher extends ApplicationEventPublisher {

    /**
     * Delivers the event to every listener whose parameter type it is an instance of.
     *
     * @param event the event, never {@code null}
     * @throws NullPointerException if {@code event} is {@code null}
     */
    void publish(Object event);

    /**
     * Subscribes a listener at run time, delivered as {@link Delivery#DEFAULT} listeners are: on the
     * publishing thread, or on a consumer thread when asynchronous delivery is switched on.
     *
     * @param <E> the type
     * @param type the events wanted: every event that is an instance of it (subclasses and implementations
     *     included, as for {@link ZeroGcListener} parameters)
     * @param listener called with each event
     * @return the subscription, to close when done
     * @see #subscribe(Class, Delivery, Consumer)
     */
    default <E> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
        return subscribe(type, Delivery.DEFAULT, listener);
    }

    /**
     * Subscribes a listener at run time.
     *
     * <p>It gets every event that is an instance of {@code type} published after this method returns, until
     * the subscription is closed ({@link Subscription}). For each event it runs after the event's compiled
     * listeners on the same thread, and after the subscribers before it, in subscription order; it sees
     * the events of each publishing thread in the order they were published. An asynchronous subscriber
     * runs on one consumer thread, with the ring's guarantees. What it throws is handled by the error
     * policy, as a listener's failure is. A pooled event is valid during the call only. Subscribing and
     * closing are safe from any thread, from inside a listener too; publishing never waits for them.
     *
     * @param <E> the type
     * @param type the events wanted: every event that is an instance of it
     * @param delivery on which thread it runs; {@link Delivery#ASYNC} requires asynchronous delivery
     * @param listener called with each event
     * @return the subscription, to close when done
     * @throws IllegalStateException if {@code delivery} is {@code ASYNC} and asynchronous delivery is off
     * @throws UnsupportedOperationException if this publisher takes no subscriptions (the starter's does;
     *     an application's own implementation need not)
     */
    default <E> Subscription subscribe(Class<E> type, Delivery delivery, Consumer<? super E> listener) {
        throw new UnsupportedOperationException(getClass().getName() + " takes no run-time subscriptions");
    }

    /**
     * Same as {@link #publish(Object)}.
     *
     * @param event the event, never {@code null}
     */
    @Override
    default void publishEvent(Object event) {
        publish(event);
    }

    /**
     * Waits until every event published before this call has been delivered to all its listeners,
     * asynchronous ones included; for tests, which should wait for delivery rather than sleep. Returns
     * at once when delivery is synchronous only.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if everything was delivered, {@code false} if the timeout passed first (or
     *     asynchronous delivery is stopped)
     * @throws InterruptedException if interrupted while waiting
     */
    default boolean awaitDelivery(Duration timeout) throws InterruptedException {
        return true;
    }

    /**
     * Borrows an instance of a pooled event type, to fill and publish once.
     *
     * @param <E> the type
     * @param type the type
     * @return an instance for the caller alone until published; with pooling off, a new one (the
     *     starter's publisher; an application's own may throw {@code UnsupportedOperationException})
     */
    default <E extends PooledEvent> E borrow(Class<E> type) {
        throw new UnsupportedOperationException(getClass().getName() + " does not lend pooled events");
    }

    /**
     * Returns a borrowed instance that will not be published after all.
     *
     * @param event the instance; with pooling off (the starter's publisher), nothing happens
     */
    default void giveBack(PooledEvent event) {
        throw new UnsupportedOperationException(getClass().getName() + " does not lend pooled events");
    }

    /**
     * Borrows, fills and publishes a pooled event; allocates nothing if {@code filler} is a static method
     * reference or a non-capturing lambda.
     *
     * @param <E> the event type
     * @param <A> the argument's type
     * @param type the event type
     * @param filler fills the borrowed event
     * @param a the argument
     */
    default <E extends PooledEvent, A> void publish(Class<E> type, EventFiller<E, A> filler, A a) {
        E event = borrow(type);
        try {
            filler.fill(event, a);
        }
        catch (RuntimeException | Error ex) {
            giveBack(event);
            throw ex;
        }
        publish(event);
    }

    /**
     * Borrows, fills from two arguments and publishes a pooled event.
     *
     * @param <E> the event type
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param type the event type
     * @param filler fills the borrowed event
     * @param a the first argument
     * @param b the second argument
     */
    default <E extends PooledEvent, A, B> void publish(Class<E> type, EventFiller2<E, A, B> filler, A a, B b) {
        E event = borrow(type);
        try {
            filler.fill(event, a, b);
        }
        catch (RuntimeException | Error ex) {
            giveBack(event);
            throw ex;
        }
        publish(event);
    }

    /**
     * Borrows, fills from three arguments and publishes a pooled event.
     *
     * @param <E> the event type
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     * @param type the event type
     * @param filler fills the borrowed event
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     */
    default <E extends PooledEvent, A, B, C> void publish(Class<E> type, EventFiller3<E, A, B, C> filler, A a, B b,
            C c) {
        E event = borrow(type);
        try {
            filler.fill(event, a, b, c);
        }
        catch (RuntimeException | Error ex) {
            giveBack(event);
            throw ex;
        }
        publish(event);
    }
}
