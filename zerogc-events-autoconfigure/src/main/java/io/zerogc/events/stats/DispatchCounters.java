package io.zerogc.events.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every counter the engine keeps, by small integer ids: event types get theirs when first published,
 * listeners theirs at startup.
 *
 * <p>Only {@link #published} is touched on the common path (once per publish, striped). Failures and
 * drops are counted on their own rare paths. Consumers count what they deliver in counters of their
 * own. Per-listener invocations are not counted at all: they follow from what is counted (events of
 * the type published, or delivered by the listener's consumer, less the calls a failing listener
 * before it cut short, which each dispatcher counts by position).
 *
 * <p>{@link #reset()} subtracts what it read with atomic adds where writers are many, and keeps a
 * baseline where the writer is a consumer, so it never loses a concurrent increment.
 */
public final class DispatchCounters {

    /** Event types with counters of their own; later types share the last id. */
    public static final int MAX_TYPES = 1024;

    private final StripedCounters published = new StripedCounters(MAX_TYPES, StripedCounters.defaultStripes());
    private final AtomicLongArray typeFailures = new AtomicLongArray(MAX_TYPES);
    private final AtomicLongArray failedDispatches = new AtomicLongArray(MAX_TYPES);
    private final AtomicLongArray dropped = new AtomicLongArray(MAX_TYPES);
    private final ConsumerCounters[] consumed;
    private final long[][] consumedBaseline;

    /**
     * Creates the counters.
     *
     * @param consumers how many consumer threads
     */
    public DispatchCounters(int consumers) {
        this.consumed = new ConsumerCounters[consumers];
        this.consumedBaseline = new long[consumers][MAX_TYPES];
        for (int i = 0; i < consumers; i++) {
            consumed[i] = new ConsumerCounters(MAX_TYPES);
        }
    }

    /**
     * Counts a publish; the hot path.
     *
     * @param type the event type's id
     */
    public void countPublished(int type) {
        published.increment(type);
    }

    /**
     * Counts a listener failure on an event of a type.
     *
     * @param type the event type's id
     */
    public void countListenerFailure(int type) {
        typeFailures.incrementAndGet(type);
    }

    /**
     * Counts a synchronous dispatch cut short by a failure that reached the publisher.
     *
     * @param type the event type's id
     */
    public void countFailedDispatch(int type) {
        failedDispatches.incrementAndGet(type);
    }

    /**
     * Counts an event dropped because the ring was full.
     *
     * @param type the event type's id
     */
    public void countDropped(int type) {
        dropped.incrementAndGet(type);
    }

    /**
     * Counts an event a consumer delivered to its listeners; only that consumer's thread may call it.
     *
     * @param consumer the consumer's index
     * @param type the event type's id
     */
    public void countConsumed(int consumer, int type) {
        consumed[consumer].add(type, 1);
    }

    /**
     * Events of a type published.
     *
     * @param type the type's id
     * @return the count
     */
    public long published(int type) {
        return published.sum(type);
    }

    /**
     * Listener failures on events of a type.
     *
     * @param type the type's id
     * @return the count
     */
    public long typeFailures(int type) {
        return typeFailures.get(type);
    }

    /**
     * Synchronous dispatches of a type that ended with a failure reaching the publisher.
     *
     * @param type the type's id
     * @return the count
     */
    public long failedDispatches(int type) {
        return failedDispatches.get(type);
    }

    /**
     * Events of a type dropped.
     *
     * @param type the type's id
     * @return the count
     */
    public long dropped(int type) {
        return dropped.get(type);
    }

    /**
     * Events of a type a consumer delivered.
     *
     * @param consumer the consumer's index
     * @param type the type's id
     * @return the count
     */
    public long consumed(int consumer, int type) {
        synchronized (consumedBaseline) {
            return consumed[consumer].get(type) - consumedBaseline[consumer][type];
        }
    }

    /**
     * Sets every counter back to zero, losing no increment made concurrently.
     */
    public void reset() {
        for (int type = 0; type < MAX_TYPES; type++) {
            long count = published.sum(type);
            if (count != 0) {
                published.add(type, -count);
            }
            subtract(typeFailures, type);
            subtract(failedDispatches, type);
            subtract(dropped, type);
        }
        synchronized (consumedBaseline) {
            for (int consumer = 0; consumer < consumed.length; consumer++) {
                for (int type = 0; type < MAX_TYPES; type++) {
                    consumedBaseline[consumer][type] = consumed[consumer].get(type);
                }
            }
        }
    }

    /**
     * Subtracts what a counter holds with an atomic add, so increments made meanwhile survive.
     *
     * @param counters the counters
     * @param index which one
     */
    public static void subtract(AtomicLongArray counters, int index) {
        long value = counters.get(index);
        if (value != 0) {
            counters.addAndGet(index, -value);
        }
    }
}
