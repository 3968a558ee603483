package io.zerogc.events.autoconfigure;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.BusySpinWaitStrategy;
import io.zerogc.events.ring.SleepingWaitStrategy;
import io.zerogc.events.ring.WaitStrategy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code zerogc.events.async.*} into engine settings, rejecting bad values with the property's
 * name.
 */
final class AsyncSettingsFactory {

    static final String THREAD_PREFIX = "zerogc-events-";
    private static final int MAX_RING_SIZE = 1 << 30;

    private AsyncSettingsFactory() {
    }

    /** The ring's settings, from properties {@link #validate} has checked. */
    static AsyncSettings create(ZeroGcEventsProperties.Async async, ListenerErrorHandler errorHandler) {
        return new AsyncSettings(async.getRingSize(), async.getConsumers(), waitStrategy(async.getWaitStrategy()),
                async.getOverflow(), consumerThreads(), errorHandler, async.getMaxBatch());
    }

    /**
     * Rejects bad {@code zerogc.events.async.*} values, whether or not asynchronous delivery is on: a
     * value that is wrong today must not surface only on the day someone switches it on.
     */
    static void validate(ZeroGcEventsProperties.Async async) {
        int ringSize = async.getRingSize();
        if (ringSize < 2 || ringSize > MAX_RING_SIZE || Integer.bitCount(ringSize) != 1) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.async.ring-size", ringSize,
                    "The ring size must be a power of two between 2 and " + MAX_RING_SIZE
                            + ", so that a slot index is sequence & (size - 1).");
        }
        if (async.getConsumers() < 1) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.async.consumers",
                    async.getConsumers(), "At least one consumer thread is needed.");
        }
        if (async.getMaxBatch() < 1) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.async.max-batch",
                    async.getMaxBatch(), "A batch holds at least one event.");
        }
        if (async.getShutdownTimeout() == null || async.getShutdownTimeout().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.async.shutdown-timeout",
                    async.getShutdownTimeout(), "The shutdown timeout must be zero or positive.");
        }
    }

    private static WaitStrategy waitStrategy(ZeroGcEventsProperties.WaitStrategyType type) {
        return switch (type) {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /** Daemon threads named zerogc-events-0, -1, ...: the context's close, not the threads, ends delivery. */
    private static ThreadFactory consumerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
