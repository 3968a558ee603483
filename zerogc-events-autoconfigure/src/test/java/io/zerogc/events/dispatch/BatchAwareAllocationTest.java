package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.BatchStart;
import io.zerogc.events.Delivery;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.support.AllocationMeter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A listener that takes {@code endOfBatch} on a bean told of each batch start allocates nothing per
 * event, on the publishing thread nor on the consumer thread, once warm. Surefire also runs it with
 * {@code -XX:-DoEscapeAnalysis}.
 */
class BatchAwareAllocationTest {

    private static final int ROUND = 100_000;
    private static final int MAX_ROUNDS = 40;

    /** A reused event: the test measures delivery, not the caller's own {@code new}. */
    static final class Tick {

        long sequence;
    }

    /** Buffers what it gets and flushes at the end of each batch; only the consumer thread writes. */
    public static final class Flushing implements BatchStart {

        volatile long seen;
        volatile long flushes;
        private long buffered;
        private long batchEvents;

        public void on(Tick tick, boolean endOfBatch) {
            buffered += tick.sequence;
            seen = seen + 1;
            if (endOfBatch) {
                buffered = 0;
                flushes = flushes + 1;
            }
        }

        @Override
        public void onBatchStart(int events, long queueDepth) {
            batchEvents += events;
        }
    }

    @Test
    void batchAwareDeliveryAllocatesNothingAfterWarmUp() throws InterruptedException {
        Flushing flushing = new Flushing();
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("flushing", flushing,
                Listeners.method(Flushing.class, "on"), 0, Delivery.ASYNC)), DispatcherSettings.defaults()
                .withAsync(Listeners.async(4096, 1, OverflowPolicy.BLOCK, (error, event, listener) -> { },
                        "batch-allocation-consumer").withMaxBatch(64)));
        dispatcher.start();
        try {
            Thread consumer = dispatcher.consumers().get(0).thread();
            Tick tick = new Tick();
            long published = 0;
            int clean = 0;
            long publisherBytes = -1;
            long consumerBytes = -1;
            for (int round = 1; round <= MAX_ROUNDS && clean < 3; round++) {
                long consumerStart = AllocationMeter.allocatedBy(consumer);
                long start = AllocationMeter.start();
                for (int i = 0; i < ROUND; i++) {
                    tick.sequence++;
                    dispatcher.dispatch(tick);
                }
                publisherBytes = AllocationMeter.bytesSince(start);
                published += ROUND;
                long target = published;
                await().atMost(Duration.ofSeconds(30)).until(() -> flushing.seen == target);
                consumerBytes = AllocationMeter.allocatedBy(consumer) - consumerStart;
                clean = publisherBytes == 0 && consumerBytes == 0 ? clean + 1 : 0;
            }
            assertThat(publisherBytes).as("bytes allocated by the publishing thread over %,d events", ROUND).isZero();
            assertThat(consumerBytes).as("bytes allocated by the consumer thread over %,d events", ROUND).isZero();
            assertThat(flushing.flushes).as("a flush per batch, batches of at most 64")
                    .isBetween(published / 64, published);
        }
        finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }
}
