package io.zerogc.events;

import java.time.Duration;
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
     * @return an instance for the caller alone until published
     * @throws UnsupportedOperationException if pooling is off
     */
    default <E extends PooledEvent> E borrow(Class<E> type) {
        throw new UnsupportedOperationException("Event pooling is off: set zerogc.events.pool.enabled=true");
    }

    /**
     * Returns a borrowed instance that will not be published after all.
     *
     * @param event the instance
     * @throws UnsupportedOperationException if pooling is off
     */
    default void giveBack(PooledEvent event) {
        throw new UnsupportedOperationException("Event pooling is off: set zerogc.events.pool.enabled=true");
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
