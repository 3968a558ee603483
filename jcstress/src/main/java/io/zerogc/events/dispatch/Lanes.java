package io.zerogc.events.dispatch;

import io.zerogc.events.stats.DispatchCounters;
import java.util.function.Consumer;

/** What the lane tests share: counters for one type, and lanes and subscribers made the engine's way. */
final class Lanes {

    /** Shared by every test state: counting is thread-safe, and a state should stay small. */
    static final DispatchCounters COUNTERS = counters();

    private Lanes() {
    }

    private static DispatchCounters counters() {
        DispatchCounters counters = new DispatchCounters(0, 0);
        counters.ensureTypes(1);
        counters.ensureSubscriberCounters();
        return counters;
    }

    /** A subscriber on the publishing thread; never closed through the engine. */
    static Subscriber subscriber(Consumer<Object> listener, long number) {
        return new Subscriber(Object.class, listener, Subscriber.SYNC, number, null);
    }

    /** A lane of the publishing thread with no compiled listener, holding the given subscribers. */
    static SubscriberLane lane(Subscriber... subscribers) {
        return new SubscriberLane(null, subscribers, COUNTERS, 0, Subscriber.SYNC, null);
    }
}
