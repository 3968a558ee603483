package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * Many producers, several consumers: every accepted event reaches every asynchronous listener exactly
 * once, in each producer's order, also when the dispatcher is closed mid-stream.
 */
class AsyncStressTest {

    private static final int PRODUCERS = 4;
    private static final Duration BOUND = Duration.ofSeconds(120);

    record Stamp(int producer, long sequence) {
    }

    /** Checks per-producer order; touched by its single consumer thread only. */
    static final class OrderChecker {

        final long[] last = new long[PRODUCERS];
        volatile long received;
        volatile String violation;

        public void on(Stamp stamp) {
            if (stamp.sequence() != last[stamp.producer()] + 1 && violation == null) {
                violation = "producer " + stamp.producer() + ": " + stamp.sequence() + " after "
                        + last[stamp.producer()];
            }
            last[stamp.producer()] = stamp.sequence();
            received = received + 1;
        }
    }

    private static EventDispatcher dispatcher(OrderChecker... checkers) {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (OrderChecker checker : checkers) {
            definitions.add(ListenerDefinition.of("checker" + definitions.size(), checker,
                    Listeners.method(OrderChecker.class, "on"), 0, Delivery.ASYNC));
        }
        AtomicInteger threads = new AtomicInteger();
        EventDispatcher dispatcher = new EventDispatcher(definitions,
                DispatcherSettings.defaults().withAsync(new AsyncSettings(1024, 2,
                new BlockingWaitStrategy(), OverflowPolicy.BLOCK, runnable -> {
                    Thread thread = new Thread(runnable, "stress-consumer-" + threads.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { })));
        dispatcher.start();
        return dispatcher;
    }

    @Test
    void fourProducersOfAMillionEventsEachAreDeliveredExactlyOnceInOrder() throws Exception {
        OrderChecker first = new OrderChecker();
        OrderChecker second = new OrderChecker();
        EventDispatcher dispatcher = dispatcher(first, second);
        int perProducer = 1_000_000;

        runProducers(dispatcher, perProducer, new AtomicLongArray(PRODUCERS));

        long total = (long) PRODUCERS * perProducer;
        await().atMost(BOUND).until(() -> first.received == total && second.received == total);
        for (OrderChecker checker : List.of(first, second)) {
            assertThat(checker.violation).isNull();
            assertThat(checker.last).containsOnly(perProducer);
        }
        assertThat(dispatcher.close(BOUND)).isZero();
    }

    @Test
    void closingMidStreamDeliversEveryAcceptedEvent() throws Exception {
        OrderChecker first = new OrderChecker();
        OrderChecker second = new OrderChecker();
        EventDispatcher dispatcher = dispatcher(first, second);
        AtomicLongArray accepted = new AtomicLongArray(PRODUCERS);
        Thread producers = new Thread(() -> runProducers(dispatcher, Long.MAX_VALUE, accepted));
        producers.start();
        await().atMost(BOUND).until(() -> first.received > 200_000);

        long undelivered = dispatcher.close(BOUND);
        producers.join(BOUND.toMillis());

        assertThat(undelivered).isZero();
        long total = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            total += accepted.get(p);
        }
        assertThat(total).isGreaterThan(200_000);
        for (OrderChecker checker : List.of(first, second)) {
            assertThat(checker.violation).isNull();
            assertThat(checker.received).isEqualTo(total);
            for (int p = 0; p < PRODUCERS; p++) {
                assertThat(checker.last[p]).as("last of producer %d", p).isEqualTo(accepted.get(p));
            }
        }
    }

    /** Publishes from PRODUCERS threads until each has published {@code perProducer} or is refused. */
    private static void runProducers(EventDispatcher dispatcher, long perProducer, AtomicLongArray accepted) {
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            threads[p] = new Thread(() -> {
                try {
                    go.await();
                    for (long s = 1; s <= perProducer; s++) {
                        dispatcher.dispatch(new Stamp(producer, s));
                        accepted.set(producer, s);
                    }
                }
                catch (PublisherClosedException ex) {
                    // closed mid-stream: what was accepted is counted
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, "stress-producer-" + p);
            threads[p].start();
        }
        go.countDown();
        for (Thread thread : threads) {
            try {
                thread.join(BOUND.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
