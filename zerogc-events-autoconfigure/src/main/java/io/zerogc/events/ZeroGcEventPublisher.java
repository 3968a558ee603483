package io.zerogc.events;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes events to compiled {@link ZeroGcListener} methods without allocating per event.
 *
 * <p>Publishing looks up the listener array of the event's class (computed once per class) and calls
 * each listener directly. It is safe to call from any number of threads at once, and from inside a
 * listener.
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
}
