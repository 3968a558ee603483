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
 * others), and the accepted count the same way for an event the ring takes. Failures, drops, refusals
 * and caller-run deliveries are counted on their own rare paths. Consumers count what they deliver, and
 * what they finish last of the consumers concerned, in counters of their own. Per-listener invocations
 * are not counted at all: they follow from what is counted (events of the type published, or delivered
 * by the listener's consumer, less the calls a failing listener before it cut short, counted per type and
 * listener id). Subscribers come and go, so their calls are counted, once per dispatch, by type and thread.
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
     * Whether chunks count subscriber calls: set by the first subscription, under this object's lock, once
     * every chunk counts them; read without the lock by later subscriptions.
     */
    private volatile boolean subscriberCounting;

    /**
     * Creates the counters.
     *
     * @param consumers how many consumer threads
     * @param listeners how many listener ids there are
     */
    public DispatchCounters(int consumers, int listeners) {
        this.consumers = consumers;
        this.listeners = listeners;
        this.chunks = new Chunk[] {new Chunk(consumers, false)};
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
                grown[i] = new Chunk(consumers, subscriberCounting);
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
     * A type's count of events the ring accepted, for a caller that keeps it at hand (as
     * {@link #publishCounter}). Made on first request; only with consumers.
     *
     * @param type the event type's id, with counters ({@link #ensureTypes})
     * @return the count
     * @throws IllegalStateException without consumers
     */
    public synchronized PublishCounter acceptedCounter(int type) {
        Chunk chunk = chunk(type);
        if (chunk.accepted == null) {
            throw new IllegalStateException("no ring: nothing is accepted");
        }
        PublishCounter counter = chunk.acceptedCounters.get(type & MASK);
        if (counter == null) {
            counter = new PublishCounter(chunk.accepted, type & MASK);
            chunk.acceptedCounters.set(type & MASK, counter);
        }
        return counter;
    }

    /**
     * Makes every type count its subscribers' calls from now on; called before the first subscription.
     */
    public void ensureSubscriberCounters() {
        if (subscriberCounting) { // every subscription after the first: no lock
            return;
        }
        synchronized (this) {
            if (!subscriberCounting) {
                for (Chunk chunk : chunks) {
                    chunk.countSubscriberCalls();
                }
                subscriberCounting = true;
            }
        }
    }

    /**
     * Counts the calls of subscribers one dispatch made.
     *
     * @param type the event type's id
     * @param lane 0 on a publishing thread, 1 + the consumer's index on a consumer's
     * @param calls how many subscribers were called
     */
    public void countSubscriberCalls(int type, int lane, int calls) {
        chunk(type).subscriberCalls.add(lane * CHUNK + (type & MASK), calls);
    }

    /**
     * Counts a subscriber's failure on an event of a type; a listener failure of the type too.
     *
     * @param type the event type's id
     */
    public void countSubscriberFailure(int type) {
        Chunk chunk = chunk(type);
        chunk.typeFailures.incrementAndGet(type & MASK);
        chunk.subscriberFailures.incrementAndGet(type & MASK);
    }

    /**
     * Counts an event of a type whose delivery the calling consumer finished last of the consumers
     * concerned; only that consumer's thread may call it.
     *
     * @param consumer the consumer's index
     * @param type the event type's id
     */
    public void countCompleted(int consumer, int type) {
        chunk(type).completed[consumer].add(type & MASK, 1);
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

    /**
     * Events of a type the ring accepted.
     *
     * @param type the type's id
     * @return the count
     */
    public long accepted(int type) {
        PublishCounter counter = chunk(type).acceptedCounters.get(type & MASK);
        return counter == null ? 0 : counter.sum();
    }

    /**
     * Events of a type the ring accepted and every consumer concerned delivered.
     *
     * @param type the type's id
     * @return the count
     */
    public long completed(int type) {
        long completed = 0;
        for (ConsumerCounters counts : chunk(type).completed) {
            completed += counts.get(type & MASK);
        }
        return completed;
    }

    /**
     * Subscriber calls on events of a type, on every thread.
     *
     * @param type the type's id
     * @return the count
     */
    public long subscriberCalls(int type) {
        StripedCounters calls = chunk(type).subscriberCalls;
        if (calls == null) {
            return 0;
        }
        long sum = 0;
        for (int lane = 0; lane <= consumers; lane++) {
            sum += calls.sum(lane * CHUNK + (type & MASK));
        }
        return sum;
    }

    /**
     * Subscriber calls on events of a type that threw.
     *
     * @param type the type's id
     * @return the count
     */
    public long subscriberFailures(int type) {
        return chunk(type).subscriberFailures.get(type & MASK);
    }

    /** Frees the publish counts and stripes of publishing threads that have ended. */
    @Override
    public void freeEndedOwners() {
        for (Chunk chunk : chunks) {
            chunk.published.freeEndedOwners();
            if (chunk.accepted != null) {
                chunk.accepted.freeEndedOwners();
            }
            StripedCounters calls = chunk.subscriberCalls;
            if (calls != null) {
                calls.freeEndedOwners();
            }
            for (int type = 0; type < CHUNK; type++) {
                PublishCounter counter = chunk.publishCounters.get(type);
                if (counter != null) {
                    counter.freeEndedOwner();
                }
                PublishCounter accepted = chunk.acceptedCounters.get(type);
                if (accepted != null) {
                    accepted.freeEndedOwner();
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
        /** Per consumer: events it delivered last of the consumers concerned. */
        final ConsumerCounters[] completed;
        /** Where threads other than a type's owner count the ring's acceptances; {@code null} without a ring. */
        final StripedCounters accepted;
        final AtomicReferenceArray<PublishCounter> acceptedCounters = new AtomicReferenceArray<>(CHUNK);
        final AtomicLongArray subscriberFailures = new AtomicLongArray(CHUNK);
        /** Subscriber calls by lane (publishing threads, then each consumer), {@value #CHUNK} types a lane. */
        volatile StripedCounters subscriberCalls;
        private final int lanes;

        Chunk(int consumers, boolean subscriberCounting) {
            consumed = new ConsumerCounters[consumers];
            completed = new ConsumerCounters[consumers];
            for (int i = 0; i < consumers; i++) {
                consumed[i] = new ConsumerCounters(CHUNK);
                completed[i] = new ConsumerCounters(CHUNK);
            }
            accepted = consumers > 0 ? new StripedCounters(CHUNK, StripedCounters.defaultStripes()) : null;
            lanes = 1 + consumers;
            if (subscriberCounting) {
                countSubscriberCalls();
            }
        }

        void countSubscriberCalls() {
            if (subscriberCalls == null) {
                subscriberCalls = new StripedCounters(lanes * CHUNK, StripedCounters.defaultStripes());
            }
        }
    }
}
