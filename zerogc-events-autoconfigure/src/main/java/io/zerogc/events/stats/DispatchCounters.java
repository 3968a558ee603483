package io.zerogc.events.stats;

import io.zerogc.events.util.Ownership;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every counter the engine keeps, by small integer ids: event types get theirs when first published,
 * listeners theirs at startup. There is no limit on the number of types: counters come in chunks of
 * {@value #CHUNK} types, and a chunk is added when a type id first needs it.
 *
 * <p>Only the publish count is touched on the common path (once per publish, through the
 * {@link #publishCounter} a route keeps: a plain increment for the thread that owns it, striped for the
 * others). Failures, drops, refusals and caller-run deliveries are
 * counted on their own rare paths. Consumers count what
 * they deliver in counters of their own. Per-listener invocations are not counted at all: they follow
 * from what is counted (events of the type published, or delivered by the listener's consumer, less the
 * calls a failing listener before it cut short, counted per type and listener id).
 *
 * <p>Counters only grow: what an operator sees as a reset is a baseline kept by the reader, so meters
 * built on these counters never go backwards.
 */
public final class DispatchCounters implements Ownership.Holder {

    /** Types per chunk of counters. */
    public static final int CHUNK = 1024;
    private static final int SHIFT = Integer.numberOfTrailingZeros(CHUNK);
    private static final int MASK = CHUNK - 1;

    private final int consumers;
    private final int listeners;
    /** Copied on write when a chunk is added; publishers read it once per count. */
    private volatile Chunk[] chunks;

    /**
     * Creates the counters.
     *
     * @param consumers how many consumer threads
     * @param listeners how many listener ids there are
     */
    public DispatchCounters(int consumers, int listeners) {
        this.consumers = consumers;
        this.listeners = listeners;
        this.chunks = new Chunk[] {new Chunk(consumers)};
    }

    /**
     * Makes a type's per-listener counters, before its first dispatch. They belong to the type and its
     * listeners, not to a dispatcher, so they survive the rebuilding of the type's dispatchers.
     *
     * @param type the event type's id, with counters ({@link #ensureTypes})
     */
    public synchronized void ensureListenerCounters(int type) {
        Chunk chunk = chunk(type);
        if (chunk.perListener.get(type & MASK) == null) {
            chunk.perListener.set(type & MASK, new AtomicLongArray(2 * listeners));
        }
    }

    /**
     * Makes room for type ids below {@code types}; called before a new type's first count.
     *
     * @param types how many type ids must have counters
     */
    public synchronized void ensureTypes(int types) {
        Chunk[] current = chunks;
        int needed = (types + MASK) >>> SHIFT;
        if (needed > current.length) {
            Chunk[] grown = Arrays.copyOf(current, needed);
            for (int i = current.length; i < needed; i++) {
                grown[i] = new Chunk(consumers);
            }
            chunks = grown;
        }
    }

    private Chunk chunk(int type) {
        return chunks[type >>> SHIFT];
    }

    /**
     * A type's publish count, for a caller that keeps it at hand and counts with
     * {@link PublishCounter#increment()}: the hot path without a lookup. Made on first request.
     *
     * @param type the event type's id, with counters ({@link #ensureTypes})
     * @return the count
     */
    public synchronized PublishCounter publishCounter(int type) {
        Chunk chunk = chunk(type);
        PublishCounter counter = chunk.publishCounters.get(type & MASK);
        if (counter == null) {
            counter = new PublishCounter(chunk.published, type & MASK);
            chunk.publishCounters.set(type & MASK, counter);
        }
        return counter;
    }

    /**
     * Counts a listener failure on an event of a type.
     *
     * @param type the event type's id, with listener counters ({@link #ensureListenerCounters})
     * @param listener the listener's id
     */
    public void countListenerFailure(int type, int listener) {
        Chunk chunk = chunk(type);
        chunk.typeFailures.incrementAndGet(type & MASK);
        chunk.perListener.get(type & MASK).incrementAndGet(2 * listener);
    }

    /**
     * Counts a listener call skipped because a failure before it ended the dispatch.
     *
     * @param type the event type's id, with listener counters ({@link #ensureListenerCounters})
     * @param listener the listener's id
     */
    public void countSkipped(int type, int listener) {
        chunk(type).perListener.get(type & MASK).incrementAndGet(2 * listener + 1);
    }

    /**
     * How often a listener failed on events of a type.
     *
     * @param type the type's id
     * @param listener the listener's id
     * @return the count
     */
    public long listenerFailures(int type, int listener) {
        AtomicLongArray counts = chunk(type).perListener.get(type & MASK);
        return counts == null ? 0 : counts.get(2 * listener);
    }

    /**
     * How often a listener's call on events of a type was skipped.
     *
     * @param type the type's id
     * @param listener the listener's id
     * @return the count
     */
    public long skipped(int type, int listener) {
        AtomicLongArray counts = chunk(type).perListener.get(type & MASK);
        return counts == null ? 0 : counts.get(2 * listener + 1);
    }

    /**
     * Counts a synchronous dispatch cut short by a failure that reached the publisher.
     *
     * @param type the event type's id
     */
    public void countAborted(int type) {
        chunk(type).aborted.incrementAndGet(type & MASK);
    }

    /**
     * Counts an event dropped because the ring was full.
     *
     * @param type the event type's id
     */
    public void countDropped(int type) {
        chunk(type).dropped.incrementAndGet(type & MASK);
    }

    /**
     * Counts an event refused: the ring was full under the fail policy, or delivery was stopped.
     *
     * @param type the event type's id
     */
    public void countRefused(int type) {
        chunk(type).refused.incrementAndGet(type & MASK);
    }

    /**
     * Counts an event delivered to its asynchronous listeners on the publishing thread because the ring
     * was full (caller-runs).
     *
     * @param type the event type's id
     */
    public void countCallerRun(int type) {
        chunk(type).callerRuns.incrementAndGet(type & MASK);
    }

    /**
     * Counts an event a consumer delivered to its listeners; only that consumer's thread may call it.
     *
     * @param consumer the consumer's index
     * @param type the event type's id
     */
    public void countConsumed(int consumer, int type) {
        chunk(type).consumed[consumer].add(type & MASK, 1);
    }

    /**
     * Events of a type published.
     *
     * @param type the type's id
     * @return the count
     */
    public long published(int type) {
        PublishCounter counter = chunk(type).publishCounters.get(type & MASK);
        return counter == null ? 0 : counter.sum();
    }

    /**
     * Listener failures on events of a type.
     *
     * @param type the type's id
     * @return the count
     */
    public long typeFailures(int type) {
        return chunk(type).typeFailures.get(type & MASK);
    }

    /**
     * Synchronous dispatches of a type that ended with a failure reaching the publisher.
     *
     * @param type the type's id
     * @return the count
     */
    public long aborted(int type) {
        return chunk(type).aborted.get(type & MASK);
    }

    /**
     * Events of a type dropped.
     *
     * @param type the type's id
     * @return the count
     */
    public long dropped(int type) {
        return chunk(type).dropped.get(type & MASK);
    }

    /**
     * Events of a type refused.
     *
     * @param type the type's id
     * @return the count
     */
    public long refused(int type) {
        return chunk(type).refused.get(type & MASK);
    }

    /**
     * Events of a type delivered to their asynchronous listeners on the publishing thread.
     *
     * @param type the type's id
     * @return the count
     */
    public long callerRuns(int type) {
        return chunk(type).callerRuns.get(type & MASK);
    }

    /**
     * Events of a type a consumer delivered.
     *
     * @param consumer the consumer's index
     * @param type the type's id
     * @return the count
     */
    public long consumed(int consumer, int type) {
        return chunk(type).consumed[consumer].get(type & MASK);
    }

    /** Frees the publish counts and stripes of publishing threads that have ended. */
    @Override
    public void freeEndedOwners() {
        for (Chunk chunk : chunks) {
            chunk.published.freeEndedOwners();
            for (int type = 0; type < CHUNK; type++) {
                PublishCounter counter = chunk.publishCounters.get(type);
                if (counter != null) {
                    counter.freeEndedOwner();
                }
            }
        }
    }

    /** The counters of {@value #CHUNK} types. */
    private static final class Chunk {

        /** Where threads other than a type's owner count its publishes. */
        final StripedCounters published = new StripedCounters(CHUNK, StripedCounters.defaultStripes());
        final AtomicReferenceArray<PublishCounter> publishCounters = new AtomicReferenceArray<>(CHUNK);
        final AtomicLongArray typeFailures = new AtomicLongArray(CHUNK);
        final AtomicLongArray aborted = new AtomicLongArray(CHUNK);
        final AtomicLongArray dropped = new AtomicLongArray(CHUNK);
        final AtomicLongArray refused = new AtomicLongArray(CHUNK);
        final AtomicLongArray callerRuns = new AtomicLongArray(CHUNK);
        /** Per type: failures and skipped calls of each listener, interleaved by listener id. */
        final AtomicReferenceArray<AtomicLongArray> perListener = new AtomicReferenceArray<>(CHUNK);
        final ConsumerCounters[] consumed;

        Chunk(int consumers) {
            consumed = new ConsumerCounters[consumers];
            for (int i = 0; i < consumers; i++) {
                consumed[i] = new ConsumerCounters(CHUNK);
            }
        }
    }
}
