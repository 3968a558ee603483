package io.zerogc.events;

/**
 * Fills a borrowed event from three arguments, without a capturing lambda.
 *
 * @param <E> the pooled event type
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <C> the third argument's type
 */
@FunctionalInterface
public interface EventFiller3<E extends PooledEvent, A, B, C> {

    /**
     * Fills the event.
     *
     * @param event the borrowed event
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     */
    void fill(E event, A a, B b, C c);
}
