package io.zerogc.events;

/**
 * Fills a borrowed event from two arguments, without a capturing lambda.
 *
 * @param <E> the pooled event type
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 */
@FunctionalInterface
public interface EventFiller2<E extends PooledEvent, A, B> {

    /**
     * Fills the event.
     *
     * @param event the borrowed event
     * @param a the first argument
     * @param b the second argument
     */
    void fill(E event, A a, B b);
}
