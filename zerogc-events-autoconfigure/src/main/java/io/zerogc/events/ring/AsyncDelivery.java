package io.zerogc.events.ring;

import io.zerogc.events.BatchStart;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.RingFullException;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import io.zerogc.events.util.Sampler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts events for asynchronous listeners into the ring and runs the consumers that deliver them, each
 * along the {@link AsyncRoute} the publisher attached to its slot.
 */
public final class AsyncDelivery implements SlotHandler {

    /** The type id counted for slots claimed but never published, whose event is unknown. */
    public static final int UNKNOWN_TYPE = -1;

    private final RingBuffer ring;
    private final RingConsumer[] consumers;
    /** Written by the synchronized stop and close, read by whoever reports them. */
    private volatile Map<Integer, Long> lastUndelivered = Map.of();
    private final OverflowPolicy overflow;
    private final AsyncSettings settings;
    private final DispatchCounters counters;
    /** Publish-to-delivery latency; {@code null} when sampling is off. */
    private final LatencyRecorder deliveryLatency;
    /** Picks the publishes stamped with the time; {@code null} when sampling is off. */
    private final Sampler sampler;
    /** Per consumer, where it is in its batch; {@code null} where no listener asks. */
    private final BatchPosition[] positions;
    /** Guarded by this. */
    private State state = State.NEW;
    /** Read by publishers that find the ring closed, to say why. */
    private volatile boolean closed;

    private enum State { NEW, RUNNING, STOPPED, CLOSED }

    /**
     * Creates the ring and its consumers; they start with {@link #start()}.
     *
     * @param settings how the ring runs
     * @param counters where consumers and refusals count
     * @param sampleEvery one event in this many is stamped for the publish-to-delivery latency, 0 for none
     */
    public AsyncDelivery(AsyncSettings settings, DispatchCounters counters, int sampleEvery) {
        this(settings, counters, sampleEvery, new BatchPosition[settings.consumers()]);
    }

    /**
     * Creates the ring and its consumers, those with batch-observing listeners with their positions.
     *
     * @param settings how the ring runs
     * @param counters where consumers and refusals count
     * @param sampleEvery one event in this many is stamped for the publish-to-delivery latency, 0 for none
     * @param positions per consumer, where it is in its batch; {@code null} entries for consumers without
     *     batch-observing listeners
     */
    public AsyncDelivery(AsyncSettings settings, DispatchCounters counters, int sampleEvery,
            BatchPosition[] positions) {
        this.settings = settings;
        this.counters = counters;
        this.deliveryLatency = sampleEvery > 0 ? new LatencyRecorder() : null;
        this.sampler = sampleEvery > 0 ? new Sampler(sampleEvery) : null;
        this.ring = new RingBuffer(settings.ringSize(), settings.consumers(), settings.waitStrategy(),
                sampleEvery > 0, settings.contextCarrier());
        this.overflow = settings.overflow();
        this.consumers = new RingConsumer[settings.consumers()];
        this.positions = positions.clone();
        for (int i = 0; i < consumers.length; i++) {
            consumers[i] = new RingConsumer(ring, i, this, settings.maxBatch(), positions[i]);
        }
    }

    /**
     * Starts the consumers; after {@link #stop}, reopens the ring and starts them again where they left
     * off. Does nothing once closed. All or nothing: when any consumer cannot start, none runs and
     * delivery stays as it was.
     *
     * @throws IllegalStateException if a consumer stopped earlier is still inside a listener call (one that
     *     outlasted the shutdown timeout); delivery stays stopped, and a later start succeeds once it returns
     */
    public synchronized void start() {
        if (state != State.NEW && state != State.STOPPED) {
            return;
        }
        for (RingConsumer consumer : consumers) {
            Thread previous = consumer.thread();
            if (previous != null && previous.isAlive()) {
                throw new IllegalStateException("Asynchronous delivery stays stopped: consumer thread "
                        + previous.getName() + " is still inside a listener call that outlasted the shutdown timeout");
            }
        }
        if (state == State.STOPPED) {
            ring.reopen();
        }
        int started = 0;
        try {
            for (; started < consumers.length; started++) {
                consumers[started].start(settings.threadFactory());
            }
        }
        finally {
            if (started < consumers.length) { // a thread could not be made or started: undo the others
                ring.close();
                for (int i = 0; i < started; i++) {
                    consumers[i].halt();
                }
            }
        }
        state = State.RUNNING;
    }

    /**
     * Hands the event to the ring, or applies the overflow policy.
     *
     * @param event the event
     * @param route what its consumers deliver it along
     * @return whether the event went into the ring (consumers will deliver it); {@code false} when it was
     *     dropped or delivered on the calling thread
     * @throws PublisherClosedException if delivery is stopped or shut down
     * @throws RingFullException if the ring is full under the {@code FAIL} policy
     */
    public boolean enqueue(Object event, AsyncRoute route) {
        return enqueue(event, route, false);
    }

    /**
     * Hands the event to the ring as {@link #enqueue} does; when delivery is stopped or shut down, delivers
     * it on the calling thread instead of refusing it (counted as caller-runs).
     *
     * @param event the event
     * @param route what its consumers deliver it along
     * @return whether the event went into the ring
     * @throws RingFullException if the ring is full under the {@code FAIL} policy
     */
    public boolean enqueueOrRunIfStopped(Object event, AsyncRoute route) {
        return enqueue(event, route, true);
    }

    private boolean enqueue(Object event, AsyncRoute route, boolean runIfStopped) {
        long sequence = ring.claim(overflow == OverflowPolicy.BLOCK);
        if (sequence > 0) {
            publishClaimed(sequence, event, route);
            return true;
        }
        if (sequence == RingBuffer.CLOSED) {
            if (runIfStopped) {
                runOnCaller(event, route);
                return false;
            }
            counters.countRefused(route.type);
            throw new PublisherClosedException(event.getClass(), !closed);
        }
        switch (overflow) {
            case DROP -> counters.countDropped(route.type);
            // BLOCK gets FULL only on a consumer thread, which the ring never lets wait: delivered right here.
            case CALLER_RUNS, BLOCK -> runOnCaller(event, route);
            default -> {
                counters.countRefused(route.type);
                throw new RingFullException(event.getClass(), ring.size());
            }
        }
        return false;
    }

    /**
     * Publishes a claimed slot; whatever is thrown on the way (a {@code StackOverflowError} deep in a
     * listener chain, say), the slot is published, empty if need be, so consumers never stall at it.
     */
    private void publishClaimed(long sequence, Object event, AsyncRoute route) {
        boolean counted = false;
        boolean published = false;
        try {
            route.accepted.increment(); // before a consumer can finish it: never more completed than accepted
            counted = true;
            ring.publish(sequence, event, route, route.asyncConsumers, deliveryLatency != null ? stamp() : 0);
            published = true;
        }
        finally {
            if (!published) {
                ring.publish(sequence, null, null, 0, 0); // a skip: no consumer has anything to deliver
                if (counted) {
                    route.accepted.add(-1L);
                }
            }
        }
    }

    /** Delivers to the event's asynchronous listeners on the calling thread, counted as caller-runs. */
    private void runOnCaller(Object event, AsyncRoute route) {
        try {
            for (int consumer = 0; consumer < consumers.length; consumer++) {
                route.deliverOn(consumer, event);
            }
        }
        finally {
            counters.countCallerRun(route.type); // as a consumer counts: delivered as far as it could
        }
    }


    /** The time of one publish in the sample, 0 for the others. */
    private long stamp() {
        return sampler.next() ? System.nanoTime() | 1 : 0; // never 0 when stamped
    }

    @Override
    public boolean onSlot(Object event, Object route, int consumer, long publishedAt) {
        AsyncRoute slotRoute = (AsyncRoute) route;
        if (slotRoute == null) {
            return false;
        }
        if (publishedAt != 0) {
            if (!slotRoute.deliversOn(consumer)) {
                return false;
            }
            deliveryLatency.record(System.nanoTime() - publishedAt);
        }
        boolean delivered = true; // a failure propagating out of the delivery comes from this consumer's listeners
        try {
            delivered = slotRoute.deliverOn(consumer, event);
        }
        finally {
            if (delivered) {
                counters.countConsumed(consumer, slotRoute.type);
                if (slotRoute.pooled) {
                    EventPool.release((PooledEvent) event, 1);
                }
            }
        }
        return delivered;
    }

    @Override
    public boolean deliversOn(Object route, int consumer) {
        return route != null && ((AsyncRoute) route).deliversOn(consumer);
    }

    /**
     * Finds, for each batch-observing listener of the consumer, its last slot in the batch and how many
     * events it gets, then tells the beans that want to know that a batch begins.
     */
    @Override
    public void onBatchStart(int consumer, long first, long end) {
        BatchPosition position = positions[consumer];
        position.begin();
        for (long slot = first; slot < end; slot++) {
            AsyncRoute route = (AsyncRoute) ring.routeAt(slot); // published: its route is visible
            if (route != null) {
                for (int k : route.observersOn(consumer)) {
                    position.take(k, slot);
                }
            }
        }
        long queueDepth = Math.max(0, ring.cursor() - (end - 1));
        for (int k = 0; k < position.listeners(); k++) {
            BatchStart start = position.start(k);
            int events = position.events(k);
            if (start != null && events > 0) {
                try {
                    start.onBatchStart(events, queueDepth);
                }
                catch (Throwable ex) {
                    settings.errorHandler().handleError(ex, "batch start (" + events + " events, " + queueDepth
                            + " behind)", position.name(k));
                }
            }
        }
    }

    @Override
    public void onCompleted(Object route, int consumer) {
        counters.countCompleted(consumer, ((AsyncRoute) route).type);
    }

    /**
     * Refuses further events, delivers those accepted, and stops the consumer threads; {@link #start}
     * resumes.
     *
     * @param timeout how long to wait for the consumers to drain the ring
     * @return how many accepted events were not delivered to all their listeners within the timeout (they
     *     stay in the ring: a later start delivers them)
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized long stop(Duration timeout) throws InterruptedException {
        if (state == State.STOPPED || state == State.CLOSED) {
            return 0;
        }
        long last = ring.close();
        if (state == State.NEW) {
            state = State.STOPPED;
            return undelivered(last);
        }
        state = State.STOPPED;
        for (RingConsumer consumer : consumers) {
            consumer.drainTo(last);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RingConsumer consumer : consumers) {
            consumer.awaitTermination(Math.max(0, deadline - System.nanoTime()));
        }
        for (RingConsumer consumer : consumers) {
            consumer.halt();
        }
        // Count once no consumer moves any more: a halted consumer finishes the listener call it is in. One
        // stuck in a call for longer than this is left running, and the count may miss what it delivers.
        for (RingConsumer consumer : consumers) {
            consumer.awaitTermination(TimeUnit.SECONDS.toNanos(1));
        }
        return undelivered(last);
    }

    /**
     * Stops for good: as {@link #stop}, and {@link #start} no longer resumes.
     *
     * @param timeout how long to wait for the consumers to drain the ring
     * @return how many accepted events were not delivered
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized long close(Duration timeout) throws InterruptedException {
        closed = true;
        long undelivered = state == State.STOPPED ? undelivered(ring.close()) : stop(timeout);
        state = State.CLOSED;
        ring.close(); // whatever happened before, nothing is accepted any more
        for (RingConsumer consumer : consumers) {
            Thread running = consumer.thread();
            if (running != null && running.isAlive()) {
                // Still inside a listener call past the timeout: halted already, so it ends when the call
                // returns; an interrupt ends a call that waits.
                consumer.halt();
                running.interrupt();
                consumer.awaitTermination(TimeUnit.SECONDS.toNanos(1));
            }
        }
        return undelivered;
    }

    /**
     * Accepted events that some consumer whose listeners take them has not delivered: the published slots
     * after a concerned consumer's sequence, and claimed slots whose producer has not finished publishing.
     * Exact once the consumers have stopped.
     */
    private long undelivered(long last) {
        Map<Integer, Long> byType = new HashMap<>();
        for (long sequence = ring.slowestConsumer() + 1; sequence <= last; sequence++) {
            if (!ring.isPublished(sequence)) {
                byType.merge(UNKNOWN_TYPE, 1L, Long::sum);
                continue;
            }
            AsyncRoute route = (AsyncRoute) ring.routeAt(sequence);
            if (route == null) {
                continue; // cleared: every concerned consumer delivered it
            }
            for (int consumer = 0; consumer < consumers.length; consumer++) {
                if (route.deliversOn(consumer) && consumers[consumer].sequence() < sequence) {
                    byType.merge(route.type, 1L, Long::sum);
                    break;
                }
            }
        }
        lastUndelivered = Map.copyOf(byType);
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What the last {@link #stop} or {@link #close} counted as not delivered, per event type id;
     * {@link #UNKNOWN_TYPE} for slots claimed but never published.
     *
     * @return counts by type id, empty if all was delivered
     */
    public Map<Integer, Long> lastUndelivered() {
        return lastUndelivered;
    }

    /**
     * Waits for every consumer to pass the last sequence claimed now; polls, as tests do.
     *
     * @param timeout how long to wait at most
     * @return {@code true} once delivered; {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitDelivery(Duration timeout) throws InterruptedException {
        long target = ring.cursor();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ring.slowestConsumer() < target) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(50_000);
        }
        return true;
    }


    /**
     * The publish-to-delivery latency of sampled events.
     *
     * @return the recorder, or {@code null} when sampling is off
     */
    public LatencyRecorder deliveryLatency() {
        return deliveryLatency;
    }

    /**
     * The ring.
     *
     * @return the ring
     */
    public RingBuffer ring() {
        return ring;
    }

    /**
     * The consumers, by index.
     *
     * @return the consumers; the caller must not change the array
     */
    public RingConsumer[] consumers() {
        return consumers;
    }

}
