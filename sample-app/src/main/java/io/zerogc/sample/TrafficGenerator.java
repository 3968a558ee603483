package io.zerogc.sample;

import io.zerogc.events.ZeroGcEventPublisher;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes a steady stream of market data at a chosen rate on a thread of its own, through one of two
 * lanes, until stopped: per step a quote, and an order every tenth step.
 *
 * <ul>
 * <li>{@link Lane#ZEROGC}: a pooled {@link QuoteTick} and a pooled {@link OrderPlaced} through
 *     {@link ZeroGcEventPublisher}: nothing is allocated per event, the events included.</li>
 * <li>{@link Lane#SPRING}: a new {@link SpringLane.Quote} and {@link SpringLane.Order} through
 *     Spring's {@code publishEvent}, as most Spring code publishes.</li>
 * </ul>
 * Orders stay within the risk limit, so the lane's traffic is never rejected (a rejection is a new
 * event); place a large order by hand to see one. The publishing thread measures its own allocation.
 */
@Component
public class TrafficGenerator implements SmartLifecycle {

    /** The highest rate the generator accepts, in steps per second. */
    public static final int MAX_RATE = 5_000_000;

    /** Which publishing path the traffic takes. */
    public enum Lane {
        /** {@code ZeroGcEventPublisher} with pooled events. */
        ZEROGC,
        /** Spring's {@code publishEvent} with new events. */
        SPRING;

        /**
         * The lane of a name, as the API and the page spell it.
         *
         * @param name {@code zerogc} or {@code spring}
         * @return the lane
         * @throws IllegalArgumentException naming the value and the lanes there are
         */
        public static Lane of(String name) {
            for (Lane lane : values()) {
                if (lane.name().equalsIgnoreCase(name)) {
                    return lane;
                }
            }
            throw new IllegalArgumentException("lane must be 'zerogc' or 'spring', was '" + name + "'");
        }

        /**
         * The lane's name in the API.
         *
         * @return {@code zerogc} or {@code spring}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Most steps published between two updates of the lane's counts. */
    private static final int CHUNK = 4_096;
    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI"};
    /** Boxed once here, so the filler's argument is never boxed per tick. */
    private static final Long[] PRICES = {10_000L, 10_025L, 10_050L, 9_975L, 9_950L, 10_075L, 9_925L};

    /**
     * The instruments quoted, in order.
     *
     * @return the symbols
     */
    static List<String> symbols() {
        return List.of(SYMBOLS);
    }

    private final ZeroGcEventPublisher publisher;
    private final SpringLane.Publisher spring;
    private final SampleProperties properties;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private volatile Thread worker;
    private volatile Lane lane = Lane.ZEROGC;
    private volatile int rate;
    private volatile long published;
    private volatile long ticks;
    /** Per lane: events published (quotes and orders) and bytes the publishing thread allocated. */
    private final long[] events = new long[2];
    private final long[] allocated = new long[2];

    TrafficGenerator(ZeroGcEventPublisher publisher, SpringLane.Publisher spring, SampleProperties properties) {
        this.publisher = publisher;
        this.spring = spring;
        this.properties = properties;
    }

    /**
     * Starts publishing through a lane, or changes the lane or rate if already running.
     *
     * @param lane the lane
     * @param stepsPerSecond the rate, from 1 to {@link #MAX_RATE}
     * @throws IllegalArgumentException for a rate out of range
     */
    public synchronized void start(Lane lane, int stepsPerSecond) {
        if (stepsPerSecond < 1 || stepsPerSecond > MAX_RATE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "rate must be from 1 to %,d steps per"
                    + " second, was %,d", MAX_RATE, stepsPerSecond));
        }
        this.lane = lane;
        this.rate = stepsPerSecond;
        if (worker == null) {
            Thread thread = new Thread(this::run, "sample-traffic");
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }
    }

    @Override
    public void start() {
        if (properties.isTrafficOnStartup()) {
            start(Lane.ZEROGC, properties.getTrafficRate());
        }
    }

    @Override
    public synchronized void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /**
     * The current rate, or 0 when stopped.
     *
     * @return steps per second
     */
    public int rate() {
        return worker != null ? rate : 0;
    }

    /**
     * The lane the traffic takes, or last took.
     *
     * @return the lane
     */
    public Lane lane() {
        return lane;
    }

    /**
     * Quote ticks published through the zerogc lane since startup.
     *
     * @return the count
     */
    public long ticks() {
        return ticks;
    }

    /**
     * Orders published through the zerogc lane since startup.
     *
     * @return the count
     */
    public long published() {
        return published;
    }

    /**
     * Events a lane has published since startup, quotes and orders.
     *
     * @param of the lane
     * @return the count
     */
    public synchronized long events(Lane of) {
        return events[of.ordinal()];
    }

    /**
     * Bytes the publishing thread allocated while publishing through a lane, since startup.
     *
     * @param of the lane
     * @return the bytes
     */
    public synchronized long allocatedBytes(Lane of) {
        return allocated[of.ordinal()];
    }

    private void run() {
        Thread self = Thread.currentThread();
        long start = System.nanoTime();
        long sent = 0;
        long id = published;
        long step = ticks;
        int currentRate = rate;
        Lane currentLane = lane;
        long bytes = threads.getCurrentThreadAllocatedBytes();
        while (worker == self) {
            if (rate != currentRate || lane != currentLane) {
                currentRate = rate;
                currentLane = lane;
                start = System.nanoTime();
                sent = 0;
            }
            long due = (System.nanoTime() - start) * currentRate / 1_000_000_000L;
            // At most a chunk per pass, so the counts move while a lane that cannot keep up stays behind.
            long until = Math.min(due, sent + CHUNK);
            long burst = 0;
            for (; sent < until && worker == self; sent++) {
                step++;
                String symbol = SYMBOLS[(int) (step % SYMBOLS.length)];
                Long price = PRICES[(int) (step % PRICES.length)];
                boolean order = step % 10 == 0;
                String orderSymbol = null;
                if (order) {
                    id++;
                    // By order, not by step: every tenth step is always the same symbol (step % 5 == 0).
                    orderSymbol = SYMBOLS[(int) (id % SYMBOLS.length)];
                }
                int quantity = (int) (id * 7919 % properties.getMaxQuantity()) + 1; // within the risk limit
                if (currentLane == Lane.ZEROGC) {
                    publisher.publish(QuoteTick.class, QuoteTick::fill, symbol, price);
                    ticks = step;
                    if (order) {
                        publisher.publish(publisher.borrow(OrderPlaced.class).fill(id, orderSymbol, quantity,
                                10_000 + id % 500));
                        published = id;
                    }
                }
                else {
                    spring.publish(new SpringLane.Quote(symbol, price, System.nanoTime()));
                    if (order) {
                        spring.publish(new SpringLane.Order(id, orderSymbol, quantity, 10_000 + id % 500));
                    }
                }
                burst += order ? 2 : 1;
            }
            long now = threads.getCurrentThreadAllocatedBytes();
            synchronized (this) {
                events[currentLane.ordinal()] += burst;
                allocated[currentLane.ordinal()] += now - bytes;
            }
            bytes = now;
            if (sent >= due) {
                LockSupport.parkNanos(100_000); // caught up: wait for the next steps to fall due
            }
        }
    }
}
