package io.zerogc.events.dispatch;

/**
 * Observes the listener calls of the events latency sampling picks (an observation framework's span and
 * timer per call, say). The unsampled events take the generated dispatcher, which never calls it, so they
 * pay nothing for it.
 *
 * <p>{@link #prepare} runs once per listener of a route, when the route is built; {@link #start} and
 * {@link #end} run around each sampled call, on the thread that makes the call (the publisher's for a
 * synchronous listener, a consumer's for an asynchronous one), always paired, {@code end} in a
 * {@code finally}.
 */
public interface ListenerObserver {

    /**
     * What every observation of one listener of one event class shares (its names and tags), made once.
     *
     * @param eventClass the concrete class of the events
     * @param listener the listener as {@code BeanClass.method(EventType)}
     * @return what {@link #start} is given for the listener's calls of the class
     */
    Object prepare(Class<?> eventClass, String listener);

    /**
     * Before a sampled call.
     *
     * @param prepared what {@link #prepare} returned for the listener and class
     * @return what {@link #end} is given
     */
    Object start(Object prepared);

    /**
     * After the call, however it ended.
     *
     * @param started what {@link #start} returned
     * @param failure what the listener threw; {@code null} if it returned
     */
    void end(Object started, Throwable failure);
}
