package io.zerogc.events.autoconfigure.kafka;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The relays' own bounded buffer, and the thread that hands its records to the producer. The relays'
 * consumer serializes each event and offers the record here: a full buffer drops the record (counted per
 * type and topic), at once under {@code outbound-overflow=drop}, after a bounded wait under {@code block}.
 * So the producer's waits (for metadata, for buffer memory, while the broker is away) fall on this thread
 * alone, never on a ring consumer nor a publisher.
 *
 * <p>The thread also tells, at most once a second, the records dropped per type and topic since the last
 * line.
 *
 * <p>End of batch: when the record it handed over ends a ring batch of the relays' consumer and the buffer is
 * then empty, nothing more is coming for now, so lingering ({@code linger.ms}) for more only delays what the
 * producer holds: the thread flushes the producer (sends everything it holds and waits for the
 * acknowledgements), unless sends to a topic are failing, when a flush would wait for the broker's return.
 * Records the relays offer meanwhile wait in the buffer and go to the producer together once the flush is
 * done, so under load the buffer is rarely empty at a batch end and the producer batches as configured.
 *
 * <p>Traces: when the relays' consumer runs in the publisher's observation (asynchronous delivery
 * propagates it), the record keeps a reference to it, and the thread sends the record inside it, so the
 * producer's observation is its child and the record carries its trace headers.
 */
final class OutboundSender implements Runnable {

    private static final Log logger = LogFactory.getLog(OutboundSender.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * A serialized record waiting for the producer.
     *
     * @param observation the observation current when the relay took the event, sent inside; {@code null}
     *     for none, or when traces are not carried
     */
    record Pending(OutboundTarget target, Object key, byte[] value, boolean endOfBatch, Observation observation) {
    }

    private final ArrayBlockingQueue<Pending> buffer;
    private final int capacity;
    private final List<OutboundTarget> targets;
    /** Dropped counts as last reported, per target. */
    private final long[] reportedDrops;
    /** Whether a full buffer makes the relays' consumer wait for room (up to blockNanos) before dropping. */
    private final boolean block;
    private final long blockNanos;
    /** Set when a wait for room timed out, cleared when a record goes in at once: drops then do not wait. */
    private volatile boolean stayedFull;
    private volatile Thread thread;
    private volatile boolean stopping;
    /** The record the thread took from the buffer and is handing to the producer, if any. */
    private volatile Pending inHand;
    /** Flushes the producer; {@code null} when the relays do not flush at the end of a batch. */
    private final Runnable flush;
    private final AtomicLong flushes = new AtomicLong();
    /** Where the relays' current observation is read; {@code null} when records carry no trace. */
    private volatile ObservationRegistry observations;

    /**
     * @param block whether a full buffer is waited on (up to {@code blockTimeout}) before a record is dropped
     * @param blockTimeout the longest wait; after one wait timed out, records are dropped at once until one
     *     goes in without waiting, so a broker that is away costs the relays' consumer one wait, not one
     *     per record
     * @param flush flushes the producer, when a batch ends and the buffer is empty; {@code null} to leave
     *     sending to the producer's own {@code linger.ms}
     */
    OutboundSender(int capacity, List<OutboundTarget> targets, boolean block, Duration blockTimeout,
            Runnable flush) {
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.targets = targets;
        this.reportedDrops = new long[targets.size()];
        this.block = block;
        this.blockNanos = blockTimeout.toNanos();
        this.flush = flush;
    }

    /**
     * Offers a record: at once, or (under {@code block}) waiting a bounded time for room.
     *
     * @param endOfBatch whether the event was the last of the relays' consumer's batch
     * @return {@code false} if the buffer stayed full (the caller counts the drop)
     */
    boolean offer(OutboundTarget target, Object key, byte[] value, boolean endOfBatch) {
        ObservationRegistry registry = observations;
        Pending pending = new Pending(target, key, value, endOfBatch,
                registry == null ? null : registry.getCurrentObservation());
        if (buffer.offer(pending)) {
            stayedFull = false;
            return true;
        }
        if (!block || stayedFull) {
            return false;
        }
        try {
            if (buffer.offer(pending, blockNanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt(); // the consumer is being halted: drop, and let it end
            return false;
        }
        stayedFull = true;
        return false;
    }

    /** Records in the buffer and in hand: taken, not yet given to the producer. */
    int waiting() {
        return buffer.size() + (inHand != null ? 1 : 0);
    }

    /**
     * Records take the observation current on the relays' consumer along, and are sent inside it.
     *
     * @param registry the application's registry
     */
    void traceWith(ObservationRegistry registry) {
        this.observations = registry;
    }

    synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        stopping = false;
        Thread started = new Thread(this, "zerogc-events-kafka-sender");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public void run() {
        long nextReport = System.nanoTime() + REPORT_EVERY_NANOS;
        while (!stopping) {
            Pending next;
            try {
                next = buffer.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                break; // stop's bound passed: what is left is reported as not sent
            }
            if (next != null) {
                inHand = next;
                next.target().transmit(next.key(), next.value(), next.observation());
                inHand = null;
                if (next.endOfBatch() && flush != null && buffer.isEmpty() && !failing()) {
                    try {
                        flush.run();
                        flushes.incrementAndGet();
                    }
                    catch (RuntimeException ex) { // interrupted by stop, or the producer closed: stop reports the rest
                        if (stopping) {
                            break;
                        }
                    }
                }
            }
            if (System.nanoTime() - nextReport >= 0) {
                reportDrops();
                nextReport = System.nanoTime() + REPORT_EVERY_NANOS;
            }
        }
        reportDrops();
    }

    private boolean failing() {
        for (OutboundTarget target : targets) {
            if (target.failing()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Flushes at the end of a batch so far.
     *
     * @return flushes completed
     */
    long flushes() {
        return flushes.get();
    }

    /**
     * Sends what the buffer holds within a bound, then ends the thread; records still in the buffer are
     * failed (counted in their type's {@code externalizeFailed}).
     *
     * @param bound how long sending may take
     * @return the records failed, per target in {@code targets} order
     */
    long[] stop(Duration bound) throws InterruptedException {
        Thread running = thread;
        long deadline = System.nanoTime() + bound.toNanos();
        while (running != null && running.isAlive() && waiting() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(1); // polling a bound: the sender thread empties the buffer meanwhile
        }
        stopping = true;
        if (running != null) {
            running.interrupt(); // out of a producer wait (metadata, buffer memory, a flush) that outlasts the bound
            running.join(TimeUnit.SECONDS.toMillis(1));
        }
        long[] failed = new long[targets.size()];
        Pending left;
        while ((left = buffer.poll()) != null) {
            left.target().failedAtShutdown();
            failed[targets.indexOf(left.target())]++;
        }
        return failed;
    }

    private void reportDrops() {
        for (int i = 0; i < targets.size(); i++) {
            OutboundTarget target = targets.get(i);
            long dropped = target.dropped();
            long since = dropped - reportedDrops[i];
            if (since > 0) {
                reportedDrops[i] = dropped;
                logger.warn("Dropped " + since + " " + target.type().getName() + " events for Kafka topic '"
                        + target.topic() + "' in the last second (" + dropped + " so far): the relays' buffer"
                        + " (zerogc.events.kafka.outbound-buffer=" + capacity + ") was full"
                        + (target.failing() ? " while sends to it are failing" : "") + "; no other listener was"
                        + " held back" + (block ? " longer than zerogc.events.kafka.outbound-block-timeout="
                                + Duration.ofNanos(blockNanos) : ""));
            }
        }
    }
}
