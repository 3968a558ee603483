package io.zerogc.sample;

import io.zerogc.events.ZeroGcEventPublisher;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes a steady stream of market data at a chosen rate on a thread of its own, until stopped: a
 * pooled {@link QuoteTick} per step (allocation-free), and an {@link OrderPlaced} every tenth step.
 */
@Component
public class TrafficGenerator implements SmartLifecycle {

    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI"};
    /** Boxed once here, so the filler's argument is never boxed per tick. */
    private static final Long[] PRICES = {10_000L, 10_025L, 10_050L, 9_975L, 9_950L, 10_075L, 9_925L};

    private final ZeroGcEventPublisher publisher;
    private final SampleProperties properties;
    private volatile Thread worker;
    private volatile int rate;
    private volatile long published;
    private volatile long ticks;

    TrafficGenerator(ZeroGcEventPublisher publisher, SampleProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    /**
     * Starts publishing, or changes the rate if already running.
     *
     * @param ordersPerSecond the rate, at least 1
     */
    public synchronized void start(int ordersPerSecond) {
        if (ordersPerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 order per second, was " + ordersPerSecond);
        }
        this.rate = ordersPerSecond;
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
            start(properties.getTrafficRate());
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
     * @return orders per second
     */
    public int rate() {
        return worker != null ? rate : 0;
    }

    /**
     * Ticks published by the generator since startup.
     *
     * @return the count
     */
    public long ticks() {
        return ticks;
    }

    /**
     * Orders published by the generator since startup.
     *
     * @return the count
     */
    public long published() {
        return published;
    }

    private void run() {
        Thread self = Thread.currentThread();
        long start = System.nanoTime();
        long sent = 0;
        long id = published;
        long step = ticks;
        int currentRate = rate;
        while (worker == self) {
            if (rate != currentRate) {
                currentRate = rate;
                start = System.nanoTime();
                sent = 0;
            }
            long due = (System.nanoTime() - start) * currentRate / 1_000_000_000L;
            for (; sent < due && worker == self; sent++) {
                step++;
                String symbol = SYMBOLS[(int) (step % SYMBOLS.length)];
                publisher.publish(QuoteTick.class, QuoteTick::fill, symbol, PRICES[(int) (step % PRICES.length)]);
                ticks = step;
                if (step % 10 == 0) {
                    id++;
                    int quantity = (int) (id * 7919 % 1_000) + 1;
                    publisher.publish(new OrderPlaced(id, symbol, quantity, 10_000 + id % 500));
                    published = id;
                }
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
