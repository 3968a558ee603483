package io.zerogc.events.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Spins briefly, then parks until a producer signals: no CPU when idle.
 *
 * <p>Unlike a lock and condition (whose waits allocate a node each on JDK 17+), it parks with
 * {@link LockSupport} and allocates nothing. The hand-off is a Dekker pair: a consumer announces
 * itself ({@code sleepers}), issues a full fence and then re-checks the ring; a producer publishes,
 * issues a full fence, and then reads {@code sleepers}. Each side's store is ordered before its load by
 * its own fence, which is what the Java memory model needs (a volatile store followed by an acquire
 * load of another variable may otherwise be reordered; x86 and ARM would not show it, the model allows
 * it), so one of the two always sees the other and no wake-up is lost; a bounded park is kept as a
 * second line of defence.
 */
public final class BlockingWaitStrategy implements WaitStrategy {

    private static final int SPINS = 128;
    /** The default bound on one park: a second line of defence, never the way a consumer wakes. */
    private static final long DEFAULT_MAX_PARK_NANOS = 10_000_000L;
    private static final VarHandle SLEEPERS;

    static {
        try {
            SLEEPERS = MethodHandles.lookup().findVarHandle(BlockingWaitStrategy.class, "sleepers", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long maxParkNanos;
    private volatile int sleepers;
    private volatile RingConsumer[] consumers = new RingConsumer[0];

    /**
     * A strategy whose parks last at most 10 ms each.
     */
    public BlockingWaitStrategy() {
        this(Duration.ofNanos(DEFAULT_MAX_PARK_NANOS));
    }

    /**
     * A strategy with a bound of its own on each park; tests use a long one, so that a lost wake-up shows
     * as a consumer that does not wake rather than one that wakes a little late.
     *
     * @param maxPark the longest a parked consumer waits before it looks again by itself
     */
    public BlockingWaitStrategy(Duration maxPark) {
        this.maxParkNanos = maxPark.toNanos();
    }

    @Override
    public synchronized void register(RingConsumer consumer) {
        RingConsumer[] grown = Arrays.copyOf(consumers, consumers.length + 1);
        grown[consumers.length] = consumer;
        consumers = grown;
    }

    @Override
    public void idle(int idleRounds, RingConsumer consumer) {
        if (idleRounds < SPINS) {
            Thread.onSpinWait();
            return;
        }
        try {
            if (!announceAndRecheck(consumer)) {
                LockSupport.parkNanos(this, maxParkNanos);
            }
        }
        finally {
            retract(consumer);
        }
    }

    /**
     * The consumer's half of the pair: announces itself as about to sleep (a full fence), then looks for
     * work again. Separate so that jcstress can check the pair against {@link #sleeperSeen()}.
     *
     * @return whether there is work after all, in which case the consumer must not park
     */
    boolean announceAndRecheck(RingConsumer consumer) {
        int unused = (int) SLEEPERS.getAndAdd(this, 1); // exact type: no adaptation
        consumer.parked = true;
        VarHandle.fullFence(); // order the announcement before the re-check's (acquire) reads of the ring
        return consumer.hasWork();
    }

    void retract(RingConsumer consumer) {
        consumer.parked = false;
        int unused = (int) SLEEPERS.getAndAdd(this, -1);
    }

    /**
     * The producer's half of the pair, after its publish: a full fence, then whether a consumer announced
     * itself. One of the two halves always sees the other, so no wake-up is lost.
     *
     * @return whether a consumer may be parked
     */
    boolean sleeperSeen() {
        VarHandle.fullFence(); // order the publish before reading sleepers
        return sleepers != 0;
    }

    @Override
    public void signal() {
        if (sleeperSeen()) {
            for (RingConsumer consumer : consumers) {
                if (consumer.parked) {
                    LockSupport.unpark(consumer.thread());
                }
            }
        }
    }
}
