package io.zerogc.events.dispatch;

import io.zerogc.events.ring.AsyncRoute;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.PublishCounter;

/**
 * Everything publishing an event of one concrete class needs: its type id, its synchronous dispatcher
 * and, per consumer thread, the dispatcher of the asynchronous listeners assigned to that consumer. The
 * type id, the number of consumers concerned ({@link #asyncConsumers}, the non-null entries of
 * {@link #async}) and whether the class is pooled are the {@link AsyncRoute}'s fields.
 *
 * <p>Immutable but for the subscribers a {@link SubscriberLane} holds: a change of listeners, or a thread
 * that gets its first subscriber of the class or loses its last, builds a new route around the same
 * compiled dispatchers, lanes and counters, and installs it in place of this one; other subscription
 * changes happen inside the lanes. A slot in the ring keeps the route its event was published along, so
 * the consumers concerned and the holds on a pooled event always agree.
 */
final class Route extends AsyncRoute {

    final Class<?> eventClass;
    /**
     * Set once the route has been replaced in the engine's table (after the replacement is installed), for
     * good: a publishing thread whose slot still holds it looks the class up again.
     */
    volatile boolean stale;
    /** The compiled synchronous listeners, then the synchronous subscribers. */
    final Dispatcher sync;
    /** Per consumer; {@code null} where the consumer has neither listener nor subscriber for the class. */
    final Dispatcher[] async;
    /** The compiled listeners alone: what a change of listeners or lanes builds on. */
    final Compiled compiled;
    /** The subscribers, per thread and for events from outside. */
    final Lanes lanes;
    /** The type's publish count: counted without a lookup. */
    final PublishCounter published;
    /** The type's count of events the ring accepted; {@code null} without asynchronous delivery. */
    final PublishCounter accepted;
    /** Whether published events of the class go on to the engine's {@link EventFollower}. */
    final boolean followed;
    /** Neither pooled, nor asynchronous, nor followed: publishing is the synchronous dispatch alone. */
    final boolean syncOnly;
    /**
     * The route of events of the class that came in from outside: without relay listeners, sharing the
     * type, its counters and synchronous lane; this route itself when no relay takes the class.
     */
    final Route received;

    /**
     * The dispatchers compiled for a class's listeners, before subscribers are added.
     *
     * @param sync the synchronous listeners'
     * @param async per consumer, {@code null} where it has no listener of the class
     * @param asyncWithoutRelays the same without relay listeners (for events from outside); {@code null}
     *     when no relay takes the class
     * @param observers per consumer, the batch-observer numbers of its listeners of the class
     */
    record Compiled(Dispatcher sync, Dispatcher[] async, Dispatcher[] asyncWithoutRelays, int[][] observers) {
    }

    /**
     * A class's subscriber lanes: {@code null} where a thread has no subscriber of the class.
     *
     * @param sync the publishing thread's
     * @param async per consumer
     * @param received per consumer, around the dispatchers without relays; {@code null} when no relay
     *     takes the class (events from outside then take {@code async})
     */
    record Lanes(SubscriberLane sync, SubscriberLane[] async, SubscriberLane[] received) {

        /** The lanes of every thread, {@code received} left out: those a subscriber may sit in. */
        SubscriberLane lane(int consumer) {
            return consumer == Subscriber.SYNC ? sync : async[consumer];
        }

        /** The same lanes but one thread's, set to the given lane and (with relays) received lane. */
        Lanes with(int consumer, SubscriberLane lane, SubscriberLane receivedLane) {
            if (consumer == Subscriber.SYNC) {
                return new Lanes(lane, async, received);
            }
            SubscriberLane[] nextAsync = async.clone();
            nextAsync[consumer] = lane;
            SubscriberLane[] nextReceived = received;
            if (received != null) {
                nextReceived = received.clone();
                nextReceived[consumer] = receivedLane;
            }
            return new Lanes(sync, nextAsync, nextReceived);
        }
    }

    private Route(Class<?> eventClass, int type, Compiled compiled, Lanes lanes, boolean pooled,
            PublishCounter published, PublishCounter accepted, boolean followed, boolean fromOutside) {
        this(eventClass, type, compiled, lanes, pooled, published, accepted, followed, fromOutside,
                perConsumer(fromOutside ? compiled.asyncWithoutRelays : compiled.async,
                        fromOutside ? lanes.received : lanes.async));
    }

    private Route(Class<?> eventClass, int type, Compiled compiled, Lanes lanes, boolean pooled,
            PublishCounter published, PublishCounter accepted, boolean followed, boolean fromOutside,
            Dispatcher[] async) {
        super(type, concerned(async), pooled, accepted);
        this.eventClass = eventClass;
        this.compiled = compiled;
        this.lanes = lanes;
        this.published = published;
        this.accepted = accepted;
        this.followed = followed;
        this.sync = lanes.sync != null ? lanes.sync : compiled.sync;
        this.async = async;
        this.syncOnly = !pooled && asyncConsumers == 0 && !followed;
        this.received = fromOutside || compiled.asyncWithoutRelays == null ? this
                : new Route(eventClass, type, compiled, lanes, pooled, published, accepted, followed, true);
    }

    /**
     * A class's route, not followed.
     *
     * @param lanes its subscribers
     */
    static Route of(Class<?> eventClass, int type, Compiled compiled, Lanes lanes, boolean pooled,
            DispatchCounters counters) {
        return new Route(eventClass, type, compiled, lanes, pooled, counters.publishCounter(type),
                compiled.async.length > 0 ? counters.acceptedCounter(type) : null, false, false);
    }

    /** The same route, with other lanes. */
    Route withLanes(Lanes next) {
        return new Route(eventClass, type, compiled, next, pooled, published, accepted, followed, false);
    }

    /** Per consumer: its lane where it has one (the lane calls the compiled listeners first), else those. */
    private static Dispatcher[] perConsumer(Dispatcher[] compiled, SubscriberLane[] lanes) {
        if (compiled.length == 0) { // no consumers: the empty array, never written, serves every route
            return compiled;
        }
        Dispatcher[] async = compiled.clone();
        for (int consumer = 0; consumer < async.length; consumer++) {
            if (lanes[consumer] != null) {
                async[consumer] = lanes[consumer];
            }
        }
        return async;
    }

    /** How many consumers have a dispatcher. */
    private static int concerned(Dispatcher[] async) {
        int count = 0;
        for (Dispatcher dispatcher : async) {
            if (dispatcher != null) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean deliversOn(int consumer) {
        return async[consumer] != null;
    }

    @Override
    public boolean deliverOn(int consumer, Object event) {
        Dispatcher dispatcher = async[consumer];
        if (dispatcher == null) {
            return false;
        }
        dispatcher.dispatch(event);
        return true;
    }

    @Override
    public int[] observersOn(int consumer) {
        return compiled.observers[consumer];
    }

    /**
     * The same route, its dispatchers, lanes and counters shared, with the follower's interest as given:
     * this one if it has that interest and was never replaced (a replaced one is never installed again).
     */
    Route followed(boolean follow) {
        if (follow == followed && !stale) {
            return this;
        }
        return new Route(eventClass, type, compiled, lanes, pooled, published, accepted, follow, false);
    }
}
