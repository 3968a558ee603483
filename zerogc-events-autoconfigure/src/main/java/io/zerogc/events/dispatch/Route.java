package io.zerogc.events.dispatch;

import io.zerogc.events.ring.AsyncRoute;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.PublishCounter;

/**
 * Everything publishing an event of one concrete class needs: its type id, its synchronous dispatcher
 * and, per consumer thread, the dispatcher of the asynchronous listeners assigned to that consumer. The
 * type id, the number of consumers concerned ({@link #asyncConsumers}, the non-null entries of
 * {@link #async}) and whether the class is pooled are the {@link AsyncRoute}'s fields.
 */
final class Route extends AsyncRoute {

    final Class<?> eventClass;
    final Dispatcher sync;
    /** Per consumer; {@code null} where the consumer has no listener for the class. */
    final Dispatcher[] async;
    /** The type's publish count: counted without a lookup. */
    final PublishCounter published;
    /** Whether published events of the class go on to the engine's {@link EventFollower}. */
    final boolean followed;
    /** Neither pooled, nor asynchronous, nor followed: publishing is the synchronous dispatch alone. */
    final boolean syncOnly;
    /**
     * The route of events of the class that came in from outside: without relay listeners, sharing the
     * type and its counters; this route itself when no relay takes the class.
     */
    final Route received;

    Route(Class<?> eventClass, int type, Dispatcher sync, Dispatcher[] async, boolean pooled,
            DispatchCounters counters) {
        this(eventClass, type, sync, async, pooled, counters.publishCounter(type), false, null);
    }

    /**
     * @param received the route for events from outside, {@code null} for this one
     */
    private Route(Class<?> eventClass, int type, Dispatcher sync, Dispatcher[] async, boolean pooled,
            PublishCounter published, boolean followed, Route received) {
        super(type, concerned(async), pooled);
        this.eventClass = eventClass;
        this.published = published;
        this.followed = followed;
        this.sync = sync;
        this.async = async;
        this.syncOnly = !pooled && asyncConsumers == 0 && !followed;
        this.received = received != null ? received : this;
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

    /**
     * This route, for events of the class it builds; for those received from outside, the route without
     * the relays.
     */
    Route withReceived(Dispatcher[] asyncWithoutRelays) {
        Route without = new Route(eventClass, type, sync, asyncWithoutRelays, pooled, published, followed, null);
        return new Route(eventClass, type, sync, async, pooled, published, followed, without);
    }

    /** The same route, its dispatchers and counters shared, with the follower's interest as given. */
    Route followed(boolean follow) {
        if (follow == followed) {
            return this;
        }
        Route followedReceived = received == this ? null : received.followed(follow);
        return new Route(eventClass, type, sync, async, pooled, published, follow, followedReceived);
    }
}
