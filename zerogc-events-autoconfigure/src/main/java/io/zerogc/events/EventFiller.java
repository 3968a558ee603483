package io.zerogc.events;

/**
 * Fills a borrowed event from one argument. Write it as a static method or a non-capturing lambda so
 * that passing it allocates nothing.
 *
 * @param <E> the pooled event type
 * @param <A> the argument's type
 */
@FunctionalInterface
public interface EventFiller<E extends PooledEvent, A> {

    /**
     * Fills the event.
     *
     * @param event the borrowed event
     * @param a the argument
     */
    void fill(E event, A a);
}
