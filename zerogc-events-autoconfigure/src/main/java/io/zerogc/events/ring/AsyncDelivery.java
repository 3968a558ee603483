package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.RingFullException;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.RingBuffer;
import io.zerogc.events.ring.RingConsumer;
import io.zerogc.events.ring.SlotHandler;
import io.zerogc.events.stats.DispatchCounters;
import io.zerogc.events.stats.LatencyRecorder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts events for asynchronous listeners into the ring and runs the consumers that deliver them.
 */
final class AsyncDelivery implements SlotHandler {

    private final RingBuffer ring;
    private final RingConsumer[] consumers;
    private final OverflowPolicy overflow;
    private final AsyncSettings settings;
    private final DispatchCounters counters;
    /** Publish-to-delivery latency; {@code null} when sampling is off. */
    private final LatencyRecorder deliveryLatency;
    /** One publish in {@code sampleMask + 1} is stamped with the time, when sampling. */
    private final int sampleMask;
    /** Counts publishes for sampling; racy by design (a lost increment only moves a sample). */
    private int sampleTick;
    /** Guarded by this. */
    private State state = State.NEW;
    /** Read by publishers that find the ring closed, to say why. */
    private volatile boolean closed;

    private enum State { NEW, RUNNING, STOPPED, CLOSED }

    AsyncDelivery(AsyncSettings settings, DispatchCounters counters, int sampleEvery) {
        this.settings = settings;
        this.counters = counters;
        this.deliveryLatency = sampleEvery > 0 ? new LatencyRecorder() : null;
        this.sampleMask = sampleEvery - 1;
        this.ring = new RingBuffer(settings.ringSize(), settings.consumers(), settings.waitStrategy(),
                sampleEvery > 0);
        this.overflow = settings.overflow();
        this.consumers = new RingConsumer[settings.consumers()];
        for (int i = 0; i < consumers.length; i++) {
            consumers[i] = new RingConsumer(ring, i, this);
        }
    }

    /**
     * Starts the consumers; after {@link #stop}, reopens the ring and starts them again where they left
     * off. Does nothing once closed.
     */
    synchronized void start() {
        if (state == State.STOPPED) {
            ring.reopen();
        }
        if (state == State.NEW || state == State.STOPPED) {
            for (RingConsumer consumer : consumers) {
                consumer.start(settings.threadFactory());
            }
            state = State.RUNNING;
        }
    }

    /**
     * Hands the event to the ring, or applies the overflow policy.
     *
     * @return whether the event went into the ring (consumers will deliver it); {@code false} when it was
     *     dropped or delivered on the calling thread
     */
    boolean enqueue(Object event, Route route) {
        long sequence = ring.claim(overflow == OverflowPolicy.BLOCK);
        if (sequence > 0) {
            ring.publish(sequence, event, route, route.asyncConsumers, deliveryLatency != null ? stamp() : 0);
            return true;
        }
        if (sequence == RingBuffer.CLOSED) {
            counters.countRefused(route.type);
            throw new PublisherClosedException(event.getClass(), !closed);
        }
        switch (overflow) {
            case DROP -> counters.countDropped(route.type);
            case CALLER_RUNS -> {
                try {
                    for (Dispatcher dispatcher : route.async) {
                        if (dispatcher != null) {
                            dispatcher.dispatch(event);
                        }
                    }
                }
                finally {
                    counters.countCallerRun(route.type); // as a consumer counts: delivered as far as it could
                }
            }
            default -> {
                counters.countRefused(route.type);
                throw new RingFullException(event.getClass(), ring.size());
            }
        }
        return false;
    }

    /** The time of one publish in the sample, 0 for the others. */
    private long stamp() {
        int tick = sampleTick + 1;
        sampleTick = tick;
        return (tick & sampleMask) == 0 ? System.nanoTime() | 1 : 0; // never 0 when stamped
    }

    @Override
    public boolean onSlot(Object event, Object route, int consumer, long publishedAt) {
        Route slotRoute = (Route) route;
        Dispatcher dispatcher = slotRoute == null ? null : slotRoute.async[consumer];
        if (dispatcher == null) {
            return false;
        }
        if (publishedAt != 0) {
            deliveryLatency.record(System.nanoTime() - publishedAt);
        }
        try {
            dispatcher.dispatch(event);
        }
        finally {
            counters.countConsumed(consumer, slotRoute.type);
            if (slotRoute.pooled) {
                EventPool.release((PooledEvent) event, 1);
            }
        }
        return true;
    }

    /**
     * Refuses further events, delivers those accepted, and stops the consumer threads; {@link #start}
     * resumes.
     *
     * @return how many accepted events were not delivered to all their listeners within the timeout (they
     *     stay in the ring: a later start delivers them)
     */
    synchronized long stop(Duration timeout) throws InterruptedException {
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
     * @return how many accepted events were not delivered
     */
    synchronized long close(Duration timeout) throws InterruptedException {
        closed = true;
        long undelivered = stop(timeout);
        state = State.CLOSED;
        return undelivered;
    }

    /**
     * Accepted events that some consumer whose listeners take them has not delivered: the published slots
     * after a concerned consumer's sequence, and claimed slots whose producer has not finished publishing.
     * Exact once the consumers have stopped.
     */
    private long undelivered(long last) {
        long undelivered = 0;
        for (long sequence = slowest() + 1; sequence <= last; sequence++) {
            if (!ring.isPublished(sequence)) {
                undelivered++;
                continue;
            }
            Route route = (Route) ring.routeAt(sequence);
            if (route == null) {
                continue; // cleared: every concerned consumer delivered it
            }
            for (int consumer = 0; consumer < consumers.length; consumer++) {
                if (route.async[consumer] != null && consumers[consumer].sequence() < sequence) {
                    undelivered++;
                    break;
                }
            }
        }
        return undelivered;
    }

    /** Waits for every consumer to pass the last sequence claimed now; polls, as tests do. */
    boolean awaitDelivery(Duration timeout) throws InterruptedException {
        long target = ring.cursor();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (slowest() < target) {
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

    private long slowest() {
        long slowest = Long.MAX_VALUE;
        for (RingConsumer consumer : consumers) {
            slowest = Math.min(slowest, consumer.sequence());
        }
        return slowest;
    }

    ListenerErrorHandler errorHandler() {
        return settings.errorHandler();
    }

    LatencyRecorder deliveryLatency() {
        return deliveryLatency;
    }

    RingBuffer ring() {
        return ring;
    }

    RingConsumer[] consumers() {
        return consumers;
    }

}
