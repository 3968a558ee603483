package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.WaitStrategy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import io.zerogc.events.support.AllocationMeter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Asynchronous publishing allocates nothing, on the publishing thread nor on the consumer thread, once
 * warm. Surefire also runs it with {@code -XX:-DoEscapeAnalysis}.
 */
class AsyncAllocationTest {

    private static final int ROUND = 100_000;
    private static final int MAX_ROUNDS = 40;
    private static final int MEASURED = 1_000_000;

    /** A reused event: the test measures delivery, not the caller's own {@code new}. */
    static final class Tick {

        long sequence;
    }

    static final class Counter {

        volatile long seen;

        public void on(Tick tick) {
            seen = seen + 1; // written by the single consumer thread only
        }
    }

    static Stream<Arguments> configurations() {
        return Stream.of(Arguments.of(new BlockingWaitStrategy(), false), Arguments.of(new YieldingWaitStrategy(), false),
                Arguments.of(new BlockingWaitStrategy(), true));
    }

    @ParameterizedTest(name = "{0}, latency sampling {1}")
    @MethodSource("configurations")
    void publishingAndConsumingAllocateNothingAfterWarmUp(WaitStrategy wait, boolean sampleLatency)
            throws InterruptedException {
        Counter counter = new Counter();
        AsyncSettings async = new AsyncSettings(4096, 1, wait, OverflowPolicy.BLOCK, runnable -> {
            Thread thread = new Thread(runnable, "allocation-consumer");
            thread.setDaemon(true);
            return thread;
        }, (error, event, listener) -> { });
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("counter", counter,
                Listeners.method(Counter.class, "on"), 0, Delivery.ASYNC)),
                DispatcherSettings.defaults().withAsync(async).withLatencySampling(sampleLatency ? 1 : 0));
        dispatcher.start();
        try {
            Thread consumer = dispatcher.consumers().get(0).thread();
            Tick tick = new Tick();
            long published = warmUp(dispatcher, tick, counter, consumer);

            long publisherBytes = Long.MAX_VALUE;
            long consumerBytes = Long.MAX_VALUE;
            // Up to three windows, none over 1 KB, one allocation-free on both threads: see
            // ZeroAllocationPublishTest for why a single one-off JIT event is tolerated.
            for (int window = 0; window < 3 && (publisherBytes != 0 || consumerBytes != 0); window++) {
                long consumerStart = AllocationMeter.allocatedBy(consumer);
                long start = AllocationMeter.start();
                publishMany(dispatcher, tick, MEASURED);
                publisherBytes = AllocationMeter.bytesSince(start);
                published += MEASURED;
                long expected = published;
                await().atMost(Duration.ofSeconds(30)).until(() -> counter.seen == expected);
                consumerBytes = AllocationMeter.allocatedBy(consumer) - consumerStart;
                assertThat(publisherBytes).isLessThan(1024);
                assertThat(consumerBytes).isLessThan(1024);
            }

            assertThat(publisherBytes).as("bytes allocated by the publishing thread over %,d events", MEASURED)
                    .isZero();
            assertThat(consumerBytes).as("bytes allocated by the consumer thread over %,d events", MEASURED)
                    .isZero();
        }
        finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Rounds until three in a row allocate nothing on either thread.
     *
     * @return events published during warm-up
     */
    private static long warmUp(EventDispatcher dispatcher, Tick tick, Counter counter, Thread consumer) {
        int clean = 0;
        long published = 0;
        for (int round = 1; round <= MAX_ROUNDS && clean < 3; round++) {
            long consumerStart = AllocationMeter.allocatedBy(consumer);
            long start = AllocationMeter.start();
            publishMany(dispatcher, tick, ROUND);
            long publisherBytes = AllocationMeter.bytesSince(start);
            published += ROUND;
            long target = published;
            await().atMost(Duration.ofSeconds(30)).until(() -> counter.seen == target);
            long consumerBytes = AllocationMeter.allocatedBy(consumer) - consumerStart;
            clean = publisherBytes == 0 && consumerBytes == 0 ? clean + 1 : 0;
        }
        if (clean < 3) {
            throw new AssertionError("asynchronous delivery still allocates after " + published + " events");
        }
        return published;
    }

    private static void publishMany(EventDispatcher dispatcher, Tick tick, int count) {
        for (int i = 0; i < count; i++) {
            tick.sequence++;
            dispatcher.dispatch(tick);
        }
    }
}
