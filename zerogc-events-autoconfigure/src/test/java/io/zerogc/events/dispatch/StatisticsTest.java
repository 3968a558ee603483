package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.LatencyStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import io.zerogc.events.stats.RingStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    interface Order {
    }

    record Placed(int n) implements Order {
    }

    record Cancelled(int n) implements Order {
    }

    record Unheard(int n) {
    }

    static final class Validator {

        public void validate(Placed placed) {
            if (placed.n() % 5 == 0) {
                throw new IllegalArgumentException("multiple of five");
            }
        }
    }

    static final class Book {

        public void book(Placed placed) {
        }
    }

    static final class Audit {

        volatile CountDownLatch gate;

        public void audit(Order order) throws InterruptedException {
            CountDownLatch held = gate;
            if (held != null) {
                held.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            if (order instanceof Cancelled cancelled && cancelled.n() == 2) {
                throw new IllegalStateException("audit down");
            }
        }
    }

    private final List<EventDispatcher> toClose = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (EventDispatcher dispatcher : toClose) {
            dispatcher.close(BOUND);
        }
    }

    private EventDispatcher dispatcher(Audit audit, int ringSize, OverflowPolicy overflow) {
        return dispatcher(audit, ringSize, overflow, false);
    }

    private EventDispatcher dispatcher(Audit audit, int ringSize, OverflowPolicy overflow, boolean sampleLatency) {
        List<ListenerDefinition> definitions = List.of(
                ListenerDefinition.of("validator", new Validator(), Listeners.method(Validator.class, "validate"), 1,
                        Delivery.SYNC),
                ListenerDefinition.of("book", new Book(), Listeners.method(Book.class, "book"), 2, Delivery.SYNC),
                ListenerDefinition.of("audit", audit, Listeners.method(Audit.class, "audit"), 3, Delivery.ASYNC));
        EventDispatcher dispatcher = new EventDispatcher(definitions,
                DispatcherSettings.defaults().withAsync(new AsyncSettings(ringSize, 1,
                new BlockingWaitStrategy(), overflow, runnable -> {
                    Thread thread = new Thread(runnable, "stats-consumer");
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { })).withLatencySampling(sampleLatency ? 1 : 0));
        dispatcher.start();
        toClose.add(dispatcher);
        return dispatcher;
    }

    @Test
    void countersMatchMixedSyncAndAsyncTrafficWithFailures() {
        EventDispatcher dispatcher = dispatcher(new Audit(), 64, OverflowPolicy.BLOCK);
        int rejected = 0;
        for (int n = 1; n <= 20; n++) {
            try {
                dispatcher.dispatch(new Placed(n));
            }
            catch (IllegalArgumentException ex) {
                rejected++;
            }
        }
        for (int n = 1; n <= 3; n++) {
            dispatcher.dispatch(new Cancelled(n));
        }
        dispatcher.dispatch(new Unheard(1));
        await().atMost(BOUND).until(() -> dispatcher.statistics().eventType(Cancelled.class.getName()).delivered() == 3
                && dispatcher.statistics().eventType(Placed.class.getName()).delivered() == 16);

        assertThat(rejected).isEqualTo(4);
        EventTypeStatistics placed = dispatcher.statistics().eventType(Placed.class.getName());
        assertThat(placed.published()).isEqualTo(20);
        assertThat(placed.delivered()).as("the four rejected never reached the ring").isEqualTo(16);
        assertThat(placed.failed()).isEqualTo(4);
        assertThat(placed.dropped()).isZero();
        assertThat(placed.listeners()).containsExactly(
                new ListenerStatistics("validator", "Validator.validate(Placed)", 1, "SYNC", null, 20, 4, null),
                new ListenerStatistics("book", "Book.book(Placed)", 2, "SYNC", null, 16, 0, null),
                new ListenerStatistics("audit", "Audit.audit(Order)", 3, "ASYNC", 0, 16, 0, null));
        EventTypeStatistics cancelled = dispatcher.statistics().eventType(Cancelled.class.getName());
        assertThat(cancelled.published()).isEqualTo(3);
        assertThat(cancelled.failed()).isEqualTo(1);
        assertThat(cancelled.listeners()).containsExactly(
                new ListenerStatistics("audit", "Audit.audit(Order)", 3, "ASYNC", 0, 3, 1, null));
        EventTypeStatistics unheard = dispatcher.statistics().eventType(Unheard.class.getName());
        assertThat(unheard.published()).isEqualTo(1);
        assertThat(unheard.delivered()).isEqualTo(1);
        assertThat(unheard.listeners()).isEmpty();
        assertThat(dispatcher.statistics().eventTypes()).extracting(EventTypeStatistics::type).containsExactly(
                Placed.class.getName(), Cancelled.class.getName(), Unheard.class.getName());
        assertThat(dispatcher.statistics().failures(0)).isEqualTo(4);
        assertThat(dispatcher.statistics().failures(2)).isEqualTo(1);
    }

    @Test
    void declaredTypesNeverPublishedAreListedWithZeroCounts() {
        EventDispatcher dispatcher = dispatcher(new Audit(), 64, OverflowPolicy.BLOCK);

        assertThat(dispatcher.statistics().eventTypes()).extracting(EventTypeStatistics::type)
                .containsExactly(Placed.class.getName());
        assertThat(dispatcher.statistics().eventType(Placed.class.getName()).listeners()).hasSize(3)
                .allMatch(listener -> listener.invocations() == 0);
        assertThat(dispatcher.statistics().eventType("com.example.Nothing")).isNull();
    }

    @Test
    void dropsAndTheRingAreReported() {
        Audit audit = new Audit();
        audit.gate = new CountDownLatch(1);
        EventDispatcher dispatcher = dispatcher(audit, 4, OverflowPolicy.DROP);
        for (int n = 1; n <= 10; n++) {
            dispatcher.dispatch(new Cancelled(n * 10));
        }

        RingStatistics held = dispatcher.statistics().ring();
        assertThat(held.capacity()).isEqualTo(4);
        assertThat(held.remaining()).isZero();
        assertThat(held.lag()).isEqualTo(4);
        assertThat(dispatcher.statistics().eventType(Cancelled.class.getName()).dropped()).isEqualTo(6);
        assertThat(dispatcher.statistics().dropped()).isEqualTo(6);

        audit.gate.countDown();
        await().atMost(BOUND).until(() -> dispatcher.statistics().ring().lag() == 0);
        RingStatistics drained = dispatcher.statistics().ring();
        assertThat(drained.remaining()).isEqualTo(4);
        assertThat(drained.highWaterMark()).isBetween(1L, 4L);
        assertThat(drained.consumerBatches()).isPositive();
        assertThat(dispatcher.statistics().eventType(Cancelled.class.getName()).delivered()).isEqualTo(4);
    }

    @Test
    void latencySamplingTimesEveryListenerCallAndEveryWaitInTheRing() {
        EventDispatcher dispatcher = dispatcher(new Audit(), 64, OverflowPolicy.BLOCK, true);
        for (int n = 1; n <= 9; n++) {
            try {
                dispatcher.dispatch(new Placed(n));
            }
            catch (IllegalArgumentException ex) {
                // n = 5 is rejected by the validator; its call is timed too
            }
        }
        await().atMost(BOUND).until(() -> dispatcher.statistics().eventType(Placed.class.getName()).delivered() == 8);

        assertThat(dispatcher.statistics().listenerLatency(0).count()).isEqualTo(9);
        assertThat(dispatcher.statistics().listenerLatency(1).count()).isEqualTo(8);
        assertThat(dispatcher.statistics().listenerLatency(2).count()).isEqualTo(8);
        assertThat(dispatcher.statistics().eventType(Placed.class.getName()).listeners())
                .allSatisfy(listener -> assertThat(listener.latency()).isNotNull());
        LatencyStatistics ring = dispatcher.statistics().ring().deliveryLatency();
        assertThat(ring.count()).isEqualTo(8);
        assertThat(ring.p50()).isPositive().isLessThanOrEqualTo(ring.p99());
        assertThat(ring.p99()).isLessThanOrEqualTo(ring.max());

        dispatcher.statistics().resetGauges();

        assertThat(dispatcher.statistics().listenerLatency(0).count()).isZero();
        assertThat(dispatcher.statistics().ring().deliveryLatency().count()).isZero();
    }

    @Test
    void withoutSamplingThereIsNoLatency() {
        EventDispatcher dispatcher = dispatcher(new Audit(), 64, OverflowPolicy.BLOCK);

        assertThat(dispatcher.statistics().listenerLatency(0)).isNull();
        assertThat(dispatcher.statistics().ring().deliveryLatency()).isNull();
    }

    @Test
    void countersOnlyGrowSoMetersNeverGoBackwards() {
        EventDispatcher dispatcher = dispatcher(new Audit(), 64, OverflowPolicy.BLOCK);
        dispatcher.dispatch(new Placed(1));
        assertThatThrownBy(() -> dispatcher.dispatch(new Placed(5))).hasMessage("multiple of five");
        await().atMost(BOUND).until(() -> dispatcher.statistics().eventType(Placed.class.getName()).delivered() == 1);

        dispatcher.statistics().resetGauges();

        EventTypeStatistics placed = dispatcher.statistics().eventType(Placed.class.getName());
        assertThat(placed.published()).isEqualTo(2);
        assertThat(placed.delivered()).isEqualTo(1);
        assertThat(placed.aborted()).isEqualTo(1);
        assertThat(placed.published()).isEqualTo(placed.delivered() + placed.dropped() + placed.refused()
                + placed.aborted());
    }
}
