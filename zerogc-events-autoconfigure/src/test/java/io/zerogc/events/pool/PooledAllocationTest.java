package io.zerogc.events.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.dispatch.TestListeners;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.support.AllocationMeter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pooled publishing allocates nothing on the publishing thread, the event included. Surefire also runs
 * it with {@code -XX:-DoEscapeAnalysis}.
 */
class PooledAllocationTest {

    private static final int ROUND = 100_000;
    private static final int MEASURED = 1_000_000;

    public static final class Tick extends PooledEvent {

        long sequence;

        static void fill(Tick tick, long[] next) {
            tick.sequence = ++next[0];
        }

        @Override
        protected void reset() {
            sequence = 0;
        }
    }

    public static final class Counter {

        volatile long seen;

        public void on(Tick tick) {
            seen = seen + 1; // one writer: the publishing thread (sync) or the single consumer (async)
        }
    }

    @ParameterizedTest
    @EnumSource(value = Delivery.class, names = {"SYNC", "ASYNC"})
    void pooledPublishingAllocatesNothingAfterWarmUp(Delivery delivery) throws InterruptedException {
        EventPools pools = new EventPools(4096, Map.of(), ExhaustedPolicy.BLOCK, false);
        pools.prepare(Tick.class);
        Counter counter = new Counter();
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("counter", counter,
                TestListeners.method(Counter.class, "on"), 0, delivery)),
                        DispatcherSettings.defaults().withAsync(new AsyncSettings(4096, 1,
                new BlockingWaitStrategy(), OverflowPolicy.BLOCK, runnable -> {
                    Thread thread = new Thread(runnable, "pooled-consumer");
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { })).withPooling(true));
        dispatcher.start();
        long[] next = new long[1];
        try {
            long published = 0;
            int clean = 0;
            for (int round = 0; round < 40 && clean < 3; round++) {
                long start = AllocationMeter.start();
                publishMany(dispatcher, pools, next, ROUND);
                clean = AllocationMeter.bytesSince(start) == 0 ? clean + 1 : 0;
                published += ROUND;
                long target = published;
                await().atMost(Duration.ofSeconds(30)).until(() -> counter.seen == target);
            }
            assertThat(clean).as("warm-up reached three allocation-free rounds").isEqualTo(3);

            long bytes = Long.MAX_VALUE;
            for (int window = 0; window < 3 && bytes != 0; window++) {
                long start = AllocationMeter.start();
                publishMany(dispatcher, pools, next, MEASURED);
                bytes = AllocationMeter.bytesSince(start);
                assertThat(bytes).isLessThan(1024); // see ZeroAllocationPublishTest: a one-off JIT event at most
                published += MEASURED;
            }

            assertThat(bytes).as("bytes allocated by %,d pooled %s publishes, events included", MEASURED, delivery)
                    .isZero();
            long expected = published;
            await().atMost(Duration.ofSeconds(30)).until(() -> counter.seen == expected);
            await().atMost(Duration.ofSeconds(30)).until(() -> pools.statistics().get(0).borrowed() == 0);
            assertThat(pools.statistics().get(0).misses()).isZero();
        }
        finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private static void publishMany(EventDispatcher dispatcher, EventPools pools, long[] next, int count) {
        for (int i = 0; i < count; i++) {
            Tick tick = pools.borrow(Tick.class);
            Tick.fill(tick, next);
            dispatcher.dispatch(tick);
        }
    }
}
