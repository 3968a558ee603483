package io.zerogc.events;

/**
 * A listener subscribed at run time with {@link ZeroGcEventPublisher#subscribe}; closing it unsubscribes.
 *
 * <p>The listener gets every event of its type whose publish starts after {@code subscribe} returned, and
 * no call starts after {@link #close()} returned, not even for an asynchronous subscriber's events still
 * in the ring. Only a delivery already under way on another thread when {@code close} is called may
 * still call it once. An asynchronous subscriber may also get events accepted into the ring just before it
 * subscribed, which its consumer had not reached yet.
 */
public interface Subscription extends AutoCloseable {

    /**
     * Unsubscribes. Idempotent, callable from any thread, the listener's own call included; never throws.
     */
    @Override
    void close();
}
