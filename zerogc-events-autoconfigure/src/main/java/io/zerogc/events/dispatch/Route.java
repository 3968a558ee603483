package io.zerogc.events.dispatch;

import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.StripedCounters;

/**
 * Everything publishing an event of one concrete class needs: its type id, its synchronous dispatcher
 * and, per consumer thread, the dispatcher of the asynchronous listeners assigned to that consumer.
 */
final class Route {

    final Class<?> eventClass;
    /** The type's id for counters. */
    final int type;
    final Dispatcher sync;
    /** Per consumer; {@code null} where the consumer has no listener for the class. */
    final Dispatcher[] async;
    /** How many entries of {@link #async} are not {@code null}; 0 means nothing goes to the ring. */
    final int asyncConsumers;
    /** Whether events of the class are pooled containers whose deliveries are accounted for. */
    final boolean pooled;
    /** The counters holding the type's publish count, and where in them: counted without a lookup. */
    final StripedCounters published;
    final int publishedIndex;

    Route(Class<?> eventClass, int type, Dispatcher sync, Dispatcher[] async, boolean pooled,
            DispatchCounters counters) {
        this.eventClass = eventClass;
        this.published = counters.publishedCounters(type);
        this.publishedIndex = DispatchCounters.publishedIndex(type);
        this.pooled = pooled;
        this.type = type;
        this.sync = sync;
        this.async = async;
        int count = 0;
        for (Dispatcher dispatcher : async) {
            if (dispatcher != null) {
                count++;
            }
        }
        this.asyncConsumers = count;
    }
}
