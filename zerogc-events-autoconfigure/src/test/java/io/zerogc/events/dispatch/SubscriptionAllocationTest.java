package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.Subscription;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.support.AllocationMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Publishing to run-time subscribers allocates nothing, with 0, 1 or 10,000 of them, on the publishing
 * thread and (asynchronous subscribers) on the consumer thread. Surefire also runs it with
 * {@code -XX:-DoEscapeAnalysis}.
 */
class SubscriptionAllocationTest {

    /** Subscriber calls per measured round: rounds of fewer events with more subscribers. */
    private static final int CALLS_PER_ROUND = 2_000_000;
    private static final int MAX_ROUNDS = 60;

    /** A reused event: the test measures delivery, not the caller's own {@code new}. */
    static final class Tick {

        long sequence;
    }

    /** Counts what it gets; written by one thread at a time (the publisher, or the one consumer). */
    static final class Counting implements Consumer<Tick> {

        volatile long seen;

        @Override
        public void accept(Tick tick) {
            seen = seen + 1;
        }
    }

    /** A compiled listener, so the type also has a compiled route. */
    static final class Compiled {

        public void on(Tick tick) {
            // nothing
        }
    }

    @ParameterizedTest(name = "{0} subscribers, {1}")
    @CsvSource({"0, SYNC", "1, SYNC", "10000, SYNC", "1, ASYNC", "100, ASYNC"})
    void publishingToSubscribersAllocatesNothingAfterWarmUp(int subscribers, Delivery delivery)
            throws InterruptedException {
        EventDispatcher dispatcher = new EventDispatcher(
                List.of(ListenerDefinition.of("compiled", new Compiled(), Listeners.method(Compiled.class, "on"), 0,
                        Delivery.SYNC)),
                DispatcherSettings.defaults().withAsync(Listeners.async(4096, 1, OverflowPolicy.BLOCK,
                        (error, event, listener) -> { }, "subscription-allocation-consumer")));
        dispatcher.start();
        try {
            // Subscribers come and go before the measurement, so the routes measured are rebuilt ones.
            List<Subscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                subscriptions.add(dispatcher.subscribe(Tick.class, delivery, tick -> { }));
            }
            subscriptions.forEach(Subscription::close);
            Counting[] counting = new Counting[subscribers];
            for (int i = 0; i < subscribers; i++) {
                counting[i] = new Counting();
                dispatcher.subscribe(Tick.class, delivery, counting[i]);
            }
            Thread consumer = dispatcher.consumers().get(0).thread();
            Counting last = subscribers > 0 ? counting[subscribers - 1] : null;
            Tick tick = new Tick();
            LongAdder published = new LongAdder();
            int events = Math.min(20_000, CALLS_PER_ROUND / Math.max(1, subscribers));

            int clean = 0;
            long publisherBytes = -1;
            long consumerBytes = -1;
            for (int round = 1; round <= MAX_ROUNDS && clean < 3; round++) {
                long consumerStart = AllocationMeter.allocatedBy(consumer);
                long start = AllocationMeter.start();
                publishMany(dispatcher, tick, events);
                publisherBytes = AllocationMeter.bytesSince(start);
                published.add(events);
                long target = published.sum();
                await().atMost(Duration.ofSeconds(60)).until(() -> last == null || last.seen == target);
                assertThat(dispatcher.awaitDelivery(Duration.ofSeconds(30))).isTrue();
                consumerBytes = AllocationMeter.allocatedBy(consumer) - consumerStart;
                clean = publisherBytes == 0 && consumerBytes == 0 ? clean + 1 : 0;
            }

            assertThat(publisherBytes).as("bytes allocated by the publishing thread over %,d events", events).isZero();
            assertThat(consumerBytes).as("bytes allocated by the consumer thread over %,d events", events).isZero();
            for (Counting each : counting) {
                assertThat(each.seen).isEqualTo(published.sum());
            }
        }
        finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private static void publishMany(EventDispatcher dispatcher, Tick tick, int count) {
        for (int i = 0; i < count; i++) {
            tick.sequence++;
            dispatcher.publish(tick);
        }
    }
}
