package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.ring.AsyncSettings;
import java.util.function.Consumer;

/**
 * How an {@link EventDispatcher} is built: every choice named, each with a default, so that a caller
 * states only what differs. Immutable; each {@code with} method returns a copy.
 *
 * <p>The defaults: synchronous delivery only, a listener failure propagates to the publisher and skips
 * the remaining listeners, values returned by listeners are published through the dispatcher itself,
 * no latency sampling, {@link PooledEvent}s are plain events, no follower.
 */
public final class DispatcherSettings {

    private static final DispatcherSettings DEFAULTS = new DispatcherSettings(null, null, null, 0, false, null, null);

    private final ListenerErrorHandler errorHandler;
    private final Consumer<Object> resultSink;
    private final AsyncSettings async;
    private final int latencySampling;
    private final boolean pooling;
    private final EventFollower follower;
    private final ListenerObserver observer;

    private DispatcherSettings(ListenerErrorHandler errorHandler, Consumer<Object> resultSink, AsyncSettings async,
            int latencySampling, boolean pooling, EventFollower follower, ListenerObserver observer) {
        this.errorHandler = errorHandler;
        this.resultSink = resultSink;
        this.async = async;
        this.latencySampling = latencySampling;
        this.pooling = pooling;
        this.follower = follower;
        this.observer = observer;
    }

    /**
     * The defaults.
     *
     * @return settings with every default
     */
    public static DispatcherSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Failures of synchronous listeners go to a handler, and the remaining listeners still run.
     *
     * @param handler the handler
     * @return a copy with the handler
     */
    public DispatcherSettings withErrorHandler(ListenerErrorHandler handler) {
        return new DispatcherSettings(requireNonNull(handler, "handler"), resultSink, async, latencySampling,
                pooling, follower, observer);
    }

    /**
     * Values returned by listeners are published here rather than through the dispatcher itself (an
     * application's publisher, which also reaches listeners outside the engine).
     *
     * @param sink where returned values go
     * @return a copy with the sink
     */
    public DispatcherSettings withResultSink(Consumer<Object> sink) {
        return new DispatcherSettings(errorHandler, requireNonNull(sink, "sink"), async, latencySampling, pooling,
                follower, observer);
    }

    /**
     * Asynchronous delivery through a ring: {@code DEFAULT} listeners become asynchronous and
     * {@code ASYNC} ones become valid.
     *
     * @param settings the ring's settings
     * @return a copy with asynchronous delivery
     */
    public DispatcherSettings withAsync(AsyncSettings settings) {
        return new DispatcherSettings(errorHandler, resultSink, requireNonNull(settings, "settings"), latencySampling,
                pooling, follower, observer);
    }

    /**
     * Times the listener calls of one event in {@code every} (and, with asynchronous delivery, its wait
     * in the ring). A timed event takes a loop with two clock reads per listener call; the others take
     * the generated dispatcher, as without sampling.
     *
     * @param every a power of two: 1 times every event, 0 switches sampling off
     * @return a copy with the choice
     * @throws IllegalArgumentException if {@code every} is neither 0 nor a power of two
     */
    public DispatcherSettings withLatencySampling(int every) {
        if (every < 0 || (every != 0 && Integer.bitCount(every) != 1)) {
            throw new IllegalArgumentException("latency sampling takes one event in a power of two, not " + every);
        }
        return new DispatcherSettings(errorHandler, resultSink, async, every, pooling, follower, observer);
    }

    /**
     * Whether {@link PooledEvent}s are pooled containers: published once per borrow and returned to
     * their pool after their last listener.
     *
     * @param pooled whether they are
     * @return a copy with the choice
     */
    public DispatcherSettings withPooling(boolean pooled) {
        return new DispatcherSettings(errorHandler, resultSink, async, latencySampling, pooled, follower, observer);
    }

    /**
     * Events {@linkplain EventDispatcher#publish published} go on to a follower after the engine's
     * listeners, for the classes it follows.
     *
     * @param follower the follower
     * @return a copy with the follower
     */
    public DispatcherSettings withFollower(EventFollower follower) {
        return new DispatcherSettings(errorHandler, resultSink, async, latencySampling, pooling,
                requireNonNull(follower, "follower"), observer);
    }

    /**
     * The listener calls of the events latency sampling picks are observed too; the others are not.
     *
     * @param observer the observer
     * @return a copy with the observer
     * @throws IllegalStateException if latency sampling is off, so no call would ever be observed
     */
    public DispatcherSettings withListenerObserver(ListenerObserver observer) {
        if (latencySampling == 0) {
            throw new IllegalStateException("listener calls are observed for the events latency sampling picks:"
                    + " switch sampling on first");
        }
        return new DispatcherSettings(errorHandler, resultSink, async, latencySampling, pooling, follower,
                requireNonNull(observer, "observer"));
    }

    /**
     * Whether asynchronous delivery is on.
     *
     * @return {@code true} with {@link #withAsync}
     */
    public boolean isAsynchronous() {
        return async != null;
    }

    /** The handler of synchronous failures; {@code null} when failures propagate. */
    ListenerErrorHandler errorHandler() {
        return errorHandler;
    }

    /** Where returned values go; {@code null} for the dispatcher itself. */
    Consumer<Object> resultSink() {
        return resultSink;
    }

    /**
     * The ring's settings.
     *
     * @return them; {@code null} when delivery is synchronous only
     */
    public AsyncSettings async() {
        return async;
    }

    /** One event in this many is timed; 0 when sampling is off. */
    int latencySampling() {
        return latencySampling;
    }

    boolean pooling() {
        return pooling;
    }

    /** Where published events go after the engine's listeners; {@code null} for nowhere. */
    EventFollower follower() {
        return follower;
    }

    /**
     * What observes the sampled events' listener calls.
     *
     * @return it; {@code null} for none
     */
    public ListenerObserver observer() {
        return observer;
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }
}
