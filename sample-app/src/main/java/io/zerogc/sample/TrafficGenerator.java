package io.zerogc.sample;

import io.zerogc.events.ZeroGcEventPublisher;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes a steady stream of orders at a chosen rate on a thread of its own, until stopped.
 */
@Component
public class TrafficGenerator implements SmartLifecycle {

    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI"};

    private final ZeroGcEventPublisher publisher;
    private final SampleProperties properties;
    private volatile Thread worker;
    private volatile int rate;
    private volatile long published;

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
        int currentRate = rate;
        while (worker == self) {
            if (rate != currentRate) {
                currentRate = rate;
                start = System.nanoTime();
                sent = 0;
            }
            long due = (System.nanoTime() - start) * currentRate / 1_000_000_000L;
            for (; sent < due && worker == self; sent++) {
                id++;
                int quantity = (int) (id * 7919 % 1_000) + 1;
                publisher.publish(new OrderPlaced(id, SYMBOLS[(int) (id % SYMBOLS.length)], quantity,
                        10_000 + id % 500));
                published = id;
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
