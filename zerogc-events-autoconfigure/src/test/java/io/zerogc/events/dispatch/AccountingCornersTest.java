package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code published = delivered + dropped + refused + aborted} per type at quiescence, and per-listener
 * figures equal to what the listeners saw, in the corners: a rethrowing error handler on asynchronous
 * listeners, a listener removed at run time, events received from outside.
 */
class AccountingCornersTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ListenerErrorHandler RETHROW = (error, event, listener) -> {
        throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    };

    record Tick(int n) {
    }

    /** Fails on every call; counts them. */
    public static final class Failing {

        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch gate;

        public void on(Tick tick) throws InterruptedException {
            CountDownLatch wait = gate;
            if (wait != null && tick.n() == 0) {
                wait.await(10, TimeUnit.SECONDS);
            }
            calls.incrementAndGet();
            throw new IllegalStateException("tick " + tick.n());
        }
    }

    /** Counts calls. */
    public static final class Counting {

        final AtomicInteger calls = new AtomicInteger();

        public void on(Tick tick) {
            calls.incrementAndGet();
        }
    }

    /** Fails on every fourth tick. */
    public static final class EveryFourth {

        final AtomicInteger failures = new AtomicInteger();

        public void on(Tick tick) {
            if (tick.n() % 4 == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("tick " + tick.n());
            }
        }
    }

    /** A relay: any object. */
    public static final class Relay {

        final AtomicInteger carried = new AtomicInteger();

        public void carry(Object event) {
            carried.incrementAndGet();
        }
    }

    private EventDispatcher dispatcher;

    @AfterEach
    void close() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private static AsyncSettings async(int ringSize, int consumers, OverflowPolicy overflow,
            ListenerErrorHandler handler) {
        return Listeners.async(ringSize, consumers, overflow, handler, "accounting-test-consumer");
    }

    private static ListenerDefinition of(Object target, Delivery delivery, int order) {
        Method method = Listeners.method(target.getClass(), "on");
        return ListenerDefinition.of(target.getClass().getSimpleName(), target, method, order, delivery);
    }

    private static void assertAccounted(EventTypeStatistics type) {
        assertThat(type.published()).as("published = delivered + dropped + refused + aborted")
                .isEqualTo(type.delivered() + type.dropped() + type.refused() + type.aborted());
    }

    @Test
    void aRethrowingErrorHandlerNeverCountsAnAsynchronousEventTwice() throws Exception {
        Failing failing = new Failing();
        Counting after = new Counting();
        dispatcher = new EventDispatcher(List.of(of(failing, Delivery.ASYNC, 0), of(after, Delivery.ASYNC, 1)),
                DispatcherSettings.defaults().withAsync(async(64, 1, OverflowPolicy.BLOCK, RETHROW)));
        dispatcher.start();

        for (int i = 1; i <= 100; i++) {
            dispatcher.publish(new Tick(i));
        }

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(ticks.delivered()).isEqualTo(100);
        assertThat(ticks.aborted()).isZero();
        assertAccounted(ticks);
        assertThat(after.calls.get()).as("an asynchronous failure cannot end the dispatch").isEqualTo(100);
        assertThat(invocations(ticks, "Counting")).isEqualTo(after.calls.get());
    }

    @Test
    void underCallerRunsARethrowingHandlerNeitherReachesThePublisherNorCountsTwice() throws Exception {
        Failing failing = new Failing();
        failing.gate = new CountDownLatch(1);
        dispatcher = new EventDispatcher(List.of(of(failing, Delivery.ASYNC, 0)),
                DispatcherSettings.defaults().withAsync(async(4, 1, OverflowPolicy.CALLER_RUNS, RETHROW)));
        dispatcher.start();

        assertThatCode(() -> {
            for (int i = 0; i < 50; i++) { // tick 0 holds the consumer: the ring fills, the rest run here
                dispatcher.publish(new Tick(i));
            }
        }).doesNotThrowAnyException();
        failing.gate.countDown();

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(dispatcher.statistics().callerRuns()).isPositive();
        assertThat(ticks.delivered()).isEqualTo(50);
        assertThat(ticks.aborted()).isZero();
        assertAccounted(ticks);
        assertThat(ticks.failed()).isEqualTo(failing.calls.get());
    }

    @Test
    void removingAListenerKeepsTheOtherListenersFigures() {
        EveryFourth first = new EveryFourth();
        Counting kept = new Counting();
        Counting removed = new Counting();
        dispatcher = new EventDispatcher(List.of(of(first, Delivery.SYNC, 0), of(kept, Delivery.SYNC, 1),
                ListenerDefinition.of("removed", removed, Listeners.method(Counting.class, "on"), 2, Delivery.SYNC)),
                DispatcherSettings.defaults());
        publishCatching(0, 100);

        dispatcher.removeListeners(definition -> definition.beanName().equals("removed"));
        publishCatching(100, 104);

        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(invocations(ticks, "EveryFourth")).isEqualTo(104);
        assertThat(failures(ticks, "EveryFourth")).isEqualTo(first.failures.get()).isEqualTo(26);
        assertThat(invocations(ticks, "Counting")).as("what the kept listener saw").isEqualTo(kept.calls.get())
                .isEqualTo(78);
        assertThat(ticks.aborted()).isEqualTo(26);
        assertAccounted(ticks);
    }

    @Test
    void eventsReceivedFromOutsideAreCountedDeliveredAndTheirListenersFailuresReported() throws Exception {
        Relay relay = new Relay();
        Failing local = new Failing();
        ListenerDefinition carrier = ListenerDefinition.relay("relay", relay, Listeners.method(Relay.class, "carry"),
                Tick.class);
        dispatcher = new EventDispatcher(List.of(of(local, Delivery.ASYNC, 0), carrier),
                DispatcherSettings.defaults().withAsync(async(64, 2, OverflowPolicy.BLOCK, (e, ev, l) -> { })));
        dispatcher.start();

        for (int i = 1; i <= 100; i++) {
            dispatcher.publishReceived(new Tick(i));
        }

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(relay.carried.get()).as("received events are never relayed").isZero();
        assertThat(ticks.published()).isEqualTo(100);
        assertThat(ticks.delivered()).isEqualTo(100);
        assertAccounted(ticks);
        assertThat(failures(ticks, "Failing")).isEqualTo(local.calls.get()).isEqualTo(100);
    }

    private void publishCatching(int from, int to) {
        for (int i = from; i < to; i++) {
            try {
                dispatcher.publish(new Tick(i));
            }
            catch (IllegalStateException expected) {
                // every fourth tick fails and, as in Spring, ends its dispatch
            }
        }
    }

    private static long invocations(EventTypeStatistics type, String bean) {
        return listener(type, bean).invocations();
    }

    private static long failures(EventTypeStatistics type, String bean) {
        return listener(type, bean).failures();
    }

    private static ListenerStatistics listener(EventTypeStatistics type, String bean) {
        List<ListenerStatistics> found = new ArrayList<>();
        for (ListenerStatistics listener : type.listeners()) {
            if (listener.bean().equals(bean)) {
                found.add(listener);
            }
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
