package io.zerogc.events.ring;

import io.zerogc.events.util.BackOff;
import io.zerogc.events.util.ConsumerThread;
import io.zerogc.events.util.Sequence;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A pre-allocated ring of event slots shared by any number of producers and a fixed set of
 * consumers, each of which reads every slot (multicast).
 *
 * <p>Protocol (the LMAX Disruptor multi-producer design, written for this project):
 * <ul>
 * <li>Sequences are {@code long}s counted from 1; slot index = {@code sequence & mask}.</li>
 * <li>A producer claims the next sequence by CAS on the padded {@code cursor}, but only once every
 *     consumer has moved past the slot's previous lap ({@code sequence - size}); the slowest consumer
 *     sequence is cached so producers rarely read all of them.</li>
 * <li>It then writes the slot with plain stores and marks it published by storing the sequence into
 *     the slot's marker with release semantics. A consumer reads the marker with acquire semantics, so
 *     it never sees a claimed but unwritten slot, nor a slot of an earlier lap.</li>
 * <li>A slot's fields are laid out together, so a publish touches two cache lines, not one per field:
 *     the event and its route side by side in one array of references, and the marker, the count of
 *     consumers yet to deliver it and the publish time side by side in one array of longs.</li>
 * <li>Consumers keep their own padded sequence, advanced once per batch with a release store, which
 *     is what producers gate on; the consumer that delivers last clears the slot.</li>
 * <li>Closing sets the sign bit of the cursor with a CAS, so no claim can succeed afterwards and the
 *     last claimed sequence is exactly known.</li>
 * </ul>
 */
public final class RingBuffer {

    /** {@link #claim} result: the ring is full (non-blocking claim only). */
    public static final long FULL = -1;
    /** {@link #claim} result: the ring is closed. */
    public static final long CLOSED = -2;

    private static final long CLOSED_BIT = Long.MIN_VALUE;
    private static final VarHandle META = MethodHandles.arrayElementVarHandle(long[].class);
    /** References per slot: the event, then its route. */
    private static final int REFS = 2;
    /** Longs per slot: the published marker, the pending count, the publish time, and one of padding. */
    private static final int METAS = 4;
    private static final int MARKER = 0;
    private static final int PENDING = 1;
    private static final int PUBLISHED_AT = 2;

    private final int size;
    private final int mask;
    /** Per slot {@link #REFS} references: event, route. */
    private final Object[] refs;
    /** Per slot {@link #METAS} longs: published marker, pending deliveries, publish time. */
    private final long[] meta;
    /** Whether publishes carry a time; without, the time is never written and reads as 0. */
    private final boolean timestamps;
    /** Carries the publisher's context to the consumers; {@code null} for none. */
    private final ContextCarrier carrier;
    /** Per slot what {@link #carrier} captured; {@code null} without a carrier. */
    private final Object[] contexts;
    /** Per consumer, the context it has restored now; {@code null} without a carrier. */
    private final Restored[] restored;
    private final Sequence cursor = new Sequence(0);
    private final Sequence gatingCache = new Sequence(0);
    private final Sequence[] consumerSequences;
    private final WaitStrategy waitStrategy;
    private final Sequence producerWaits = new Sequence(0);
    /** Set by a producer that found the ring full; read for the high-water mark. */
    private volatile boolean full;

    /**
     * Creates a ring.
     *
     * @param size the number of slots, a power of two of at least 2
     * @param consumers how many consumers read it, at least 1
     * @param waitStrategy how consumers wait, and what producers signal
     */
    public RingBuffer(int size, int consumers, WaitStrategy waitStrategy) {
        this(size, consumers, waitStrategy, true);
    }

    /**
     * Creates a ring, with or without publish times.
     *
     * @param size the number of slots, a power of two of at least 2
     * @param consumers how many consumers read it, at least 1
     * @param waitStrategy how consumers wait, and what producers signal
     * @param timestamps whether {@link #publish} stores its timestamp; without, consumers are handed 0 and a
     *     publish saves the store
     */
    public RingBuffer(int size, int consumers, WaitStrategy waitStrategy, boolean timestamps) {
        this(size, consumers, waitStrategy, timestamps, null);
    }

    /**
     * Creates a ring, with or without publish times, that may carry the publisher's context.
     *
     * @param size the number of slots, a power of two of at least 2
     * @param consumers how many consumers read it, at least 1
     * @param waitStrategy how consumers wait, and what producers signal
     * @param timestamps whether {@link #publish} stores its timestamp
     * @param carrier captures the publisher's context at {@link #publish} and restores it for each
     *     consumer's delivery of the slot (once for a run of slots with the same context); {@code null} for
     *     none (no store, no read)
     */
    public RingBuffer(int size, int consumers, WaitStrategy waitStrategy, boolean timestamps,
            ContextCarrier carrier) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two of at least 2, was " + size);
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        this.size = size;
        this.mask = size - 1;
        this.refs = new Object[REFS * size];
        this.meta = new long[METAS * size];
        this.timestamps = timestamps;
        this.carrier = carrier;
        this.contexts = carrier != null ? new Object[size] : null;
        this.restored = carrier != null ? new Restored[consumers] : null;
        for (int i = 0; carrier != null && i < consumers; i++) {
            restored[i] = new Restored();
        }
        this.consumerSequences = new Sequence[consumers];
        for (int i = 0; i < consumers; i++) {
            consumerSequences[i] = new Sequence(0);
        }
        this.waitStrategy = waitStrategy;
    }

    /**
     * Claims the next slot.
     *
     * @param waitForSpace whether to wait while the ring is full; if not, {@link #FULL} is returned. A ring
     *     consumer's thread never waits, whatever is asked: a consumer frees slots only after its batch, so
     *     one waiting here could be waiting for itself; it gets {@link #FULL} too
     * @return the claimed sequence (at least 1), {@link #FULL} or {@link #CLOSED}
     */
    public long claim(boolean waitForSpace) {
        int idle = 0;
        while (true) {
            long current = cursor.get();
            if (current < 0) {
                return CLOSED;
            }
            long next = current + 1;
            long wrapPoint = next - size;
            if (wrapPoint > gatingCache.get()) {
                long slowest = slowestConsumer();
                gatingCache.set(slowest);
                if (wrapPoint > slowest) {
                    if (!full) {
                        full = true; // the ring was full at least once: its high-water mark is its size
                    }
                    if (!waitForSpace || idle == 0 && ConsumerThread.isCurrent()) { // looked up once per wait
                        return FULL;
                    }
                    backOff(idle++);
                    continue;
                }
            }
            if (cursor.compareAndSet(current, next)) {
                return next;
            }
        }
    }

    /**
     * Fills a claimed slot and makes it visible to consumers.
     *
     * @param sequence what {@link #claim} returned
     * @param event the event
     * @param route what consumers need to deliver it
     * @param interestedConsumers how many consumers will report delivering it; the last clears the slot
     * @param timestamp handed to consumers as it is, such as a {@link System#nanoTime()} for latency
     */
    public void publish(long sequence, Object event, Object route, int interestedConsumers, long timestamp) {
        int index = (int) sequence & mask;
        int ref = REFS * index;
        int at = METAS * index;
        refs[ref] = event;
        refs[ref + 1] = route;
        if (contexts != null) {
            contexts[index] = event != null ? carrier.capture() : null;
        }
        meta[at + PENDING] = interestedConsumers;
        if (timestamps) {
            meta[at + PUBLISHED_AT] = timestamp;
        }
        META.setRelease(meta, at + MARKER, sequence); // orders the stores above before it
        waitStrategy.signal();
    }

    /**
     * Whether the slot of a sequence has been published (acquire read of its marker).
     *
     * @param sequence the sequence
     * @return {@code true} once its producer published it
     */
    public boolean isPublished(long sequence) {
        return (long) META.getAcquire(meta, METAS * ((int) sequence & mask) + MARKER) == sequence;
    }

    /**
     * Hands a published slot to the handler, and clears the slot if this consumer was the last to
     * deliver it (and tells the handler so). Only the consumer itself may call it, for sequences it has not yet passed.
     *
     * <p>With a carrier, the slot's context is restored around the handler, where a listener runs; a run of
     * slots that carry the same context (a request's events) shares one restore, ended at the first slot
     * that carries another or none, or by {@link #endRestored} when the consumer's batch ends.
     */
    boolean consume(long sequence, SlotHandler handler, int consumer) {
        int index = (int) sequence & mask;
        boolean delivered = true; // a handler that throws has delivered as far as it could
        try {
            if (contexts != null) {
                restore(contexts[index], refs[REFS * index + 1], handler, consumer);
            }
            delivered = handler.onSlot(refs[REFS * index], refs[REFS * index + 1], consumer,
                    meta[METAS * index + PUBLISHED_AT]);
        }
        finally {
            if (delivered && (consumerSequences.length == 1
                    || (long) META.getAndAdd(meta, METAS * index + PENDING, -1L) == 1)) {
                Object route = refs[REFS * index + 1];
                refs[REFS * index] = null;
                refs[REFS * index + 1] = null;
                if (contexts != null) {
                    contexts[index] = null; // the consumer that restored it keeps it, at most to its batch's end
                }
                handler.onCompleted(route, consumer);
            }
        }
        return delivered;
    }

    /** Makes the slot's context the consumer's restored one, unless it is already. */
    private void restore(Object context, Object route, SlotHandler handler, int consumer) {
        Restored current = restored[consumer];
        if (context == current.context) {
            return; // the slot before carried the same: still restored
        }
        end(current);
        if (context != null && handler.deliversOn(route, consumer)) { // a scope costs: only where a listener runs
            current.handle = carrier.restore(context);
            current.context = current.handle != null ? context : null;
        }
    }

    /**
     * Ends the context the consumer has restored, if any: when its batch is delivered, before it waits for
     * more, so that its thread is as it was while idle and keeps no publisher's context.
     *
     * @param consumer the consumer, calling
     */
    void endRestored(int consumer) {
        if (restored != null) {
            end(restored[consumer]);
        }
    }

    private void end(Restored current) {
        Object handle = current.handle;
        current.context = null;
        current.handle = null;
        if (handle != null) {
            carrier.end(handle);
        }
    }

    /** A consumer's restored context: what the slot carried, and what ending it takes. Its consumer's alone. */
    private static final class Restored {

        Object context;
        Object handle;
    }

    /** What a slot holds now; for tests. */
    Object eventAt(long sequence) {
        return refs[REFS * ((int) sequence & mask)];
    }

    /**
     * Stops all further claims.
     *
     * @return the last sequence claimed, which consumers must drain to
     */
    public long close() {
        while (true) {
            long current = cursor.get();
            if (current < 0) {
                return current & ~CLOSED_BIT;
            }
            if (cursor.compareAndSet(current, current | CLOSED_BIT)) {
                return current;
            }
        }
    }

    /**
     * Whether a producer has found every slot taken since the ring was created or the last
     * {@link #resetWasFull()}.
     *
     * @return {@code true} if the ring was full
     */
    public boolean wasFull() {
        return full;
    }

    /**
     * Forgets that the ring was full, for a high-water mark measured afresh.
     */
    public void resetWasFull() {
        full = false;
    }

    /**
     * Lets claims succeed again after {@link #close()}, from the sequence after the last one claimed
     * before it. The caller restarts the consumers.
     */
    public void reopen() {
        while (true) {
            long current = cursor.get();
            if (current >= 0 || cursor.compareAndSet(current, current & ~CLOSED_BIT)) {
                return;
            }
        }
    }

    /**
     * What a published slot holds for its consumers: its route, or {@code null} once every consumer
     * that delivers it has done so (the slot is cleared). Only for slots no running consumer is
     * delivering, such as after the consumers stopped.
     *
     * @param sequence a published sequence
     * @return the route given to {@link #publish}, or {@code null}
     */
    public Object routeAt(long sequence) {
        return refs[REFS * ((int) sequence & mask) + 1];
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return cursor.get() < 0;
    }

    /**
     * The last claimed sequence.
     *
     * @return the cursor, without the closed flag
     */
    public long cursor() {
        return cursor.get() & ~CLOSED_BIT;
    }

    /**
     * A consumer's sequence: the last sequence it has finished with.
     *
     * @param consumer the consumer's index
     * @return its sequence
     */
    public Sequence consumerSequence(int consumer) {
        return consumerSequences[consumer];
    }

    /**
     * The number of slots.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * How many consumers read the ring.
     *
     * @return the consumer count
     */
    public int consumers() {
        return consumerSequences.length;
    }

    /**
     * The wait strategy consumers use.
     *
     * @return the strategy
     */
    public WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    /**
     * Slots free right now, as seen from the slowest consumer.
     *
     * @return between 0 and {@link #size()}
     */
    public long remainingCapacity() {
        return size - (cursor() - slowestConsumer());
    }

    /**
     * How many times producers found the ring full and waited.
     *
     * @return the count
     */
    public long producerWaits() {
        return producerWaits.get();
    }

    /**
     * The sequence of the consumer furthest behind: every slot up to it has been handled by every
     * consumer. Each consumer's sequence is read with acquire semantics, so what that consumer did before
     * advancing is visible to the caller.
     *
     * @return the smallest consumer sequence
     */
    public long slowestConsumer() {
        long slowest = Long.MAX_VALUE;
        for (Sequence sequence : consumerSequences) {
            slowest = Math.min(slowest, sequence.get());
        }
        return slowest;
    }

    private void backOff(int idle) {
        if (idle == 0) {
            producerWaits.getAndAdd(1);
        }
        BackOff.pause(idle);
    }
}
