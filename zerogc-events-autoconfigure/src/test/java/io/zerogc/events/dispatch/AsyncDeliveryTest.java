package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.RingFullException;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.BusySpinWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.SleepingWaitStrategy;
import io.zerogc.events.ring.WaitStrategy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AsyncDeliveryTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    record Tick(int n) {
    }

    /** Records what it received and on which thread; can be held on a gate. */
    static final class Recorder {

        final List<Integer> received = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate;
        final AtomicInteger entered = new AtomicInteger();

        public void on(Tick tick) throws InterruptedException {
            entered.incrementAndGet();
            CountDownLatch held = gate;
            if (held != null) {
                held.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            threads.add(Thread.currentThread().getName());
            received.add(tick.n());
        }
    }

    static final class Failing {

        public void on(Tick tick) {
            if (tick.n() % 2 == 0) {
                throw new IllegalStateException("even " + tick.n());
            }
        }
    }

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final ListenerErrorHandler handler = (error, event, listener) -> handled.add(listener + ": "
            + error.getMessage());
    private final List<EventDispatcher> started = new ArrayList<>();

    @AfterEach
    void closeAll() throws InterruptedException {
        for (EventDispatcher dispatcher : started) {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private AsyncSettings settings(int ringSize, int consumers, WaitStrategy wait, OverflowPolicy overflow) {
        AtomicInteger threads = new AtomicInteger();
        return new AsyncSettings(ringSize, consumers, wait, overflow, runnable -> {
            Thread thread = new Thread(runnable, "test-consumer-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }, handler);
    }

    private static ListenerDefinition listener(Object target, Delivery delivery) {
        return ListenerDefinition.of(target.getClass().getSimpleName(), target,
                Listeners.method(target.getClass(), "on"), 0, delivery);
    }

    private EventDispatcher start(AsyncSettings settings, ListenerDefinition... definitions) {
        EventDispatcher dispatcher = new EventDispatcher(List.of(definitions),
                DispatcherSettings.defaults().withAsync(settings));
        dispatcher.start();
        started.add(dispatcher);
        return dispatcher;
    }

    @Test
    void defaultAndAsyncListenersRunOnConsumerThreadsWhileSyncOnesRunBeforePublishReturns() {
        Recorder byDefault = new Recorder();
        Recorder async = new Recorder();
        Recorder sync = new Recorder();
        EventDispatcher dispatcher = start(settings(64, 1, new BlockingWaitStrategy(), OverflowPolicy.BLOCK),
                listener(byDefault, Delivery.DEFAULT), listener(async, Delivery.ASYNC), listener(sync, Delivery.SYNC));

        dispatcher.dispatch(new Tick(1));

        assertThat(sync.received).containsExactly(1);
        assertThat(sync.threads).containsExactly(Thread.currentThread().getName());
        await().atMost(BOUND).until(() -> byDefault.received.size() == 1 && async.received.size() == 1);
        assertThat(byDefault.threads).containsExactly("test-consumer-0");
        assertThat(async.threads).containsExactly("test-consumer-0");
    }

    static Stream<WaitStrategy> waitStrategies() {
        return Stream.of(new BlockingWaitStrategy(), new SleepingWaitStrategy(), new YieldingWaitStrategy(),
                new BusySpinWaitStrategy());
    }

    @ParameterizedTest
    @MethodSource("waitStrategies")
    void everyWaitStrategyDeliversEveryEventOnceInOrder(WaitStrategy wait) {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = start(settings(16, 1, wait, OverflowPolicy.BLOCK),
                listener(recorder, Delivery.ASYNC));
        int events = 20_000;

        for (int i = 0; i < events; i++) {
            dispatcher.dispatch(new Tick(i));
        }

        await().atMost(BOUND).until(() -> recorder.received.size() >= events);
        assertThat(recorder.received).hasSize(events).isSorted();
        assertThat(recorder.received.get(events - 1)).isEqualTo(events - 1);
    }

    @Test
    void blockingWaitStrategyWakesAParkedConsumerByItsSignal() {
        // Parks last up to a minute: only the publisher's signal can wake the consumer within the bound
        // below, so a lost wake-up fails the test instead of hiding behind the default 10 ms cap.
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = start(settings(16, 1, new BlockingWaitStrategy(Duration.ofMinutes(1)),
                OverflowPolicy.BLOCK), listener(recorder, Delivery.ASYNC));
        Thread consumer = dispatcher.consumers().get(0).thread();
        for (int round = 0; round < 20; round++) {
            await().atMost(BOUND).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
            int event = round;

            dispatcher.dispatch(new Tick(event));

            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.received.contains(event));
        }
    }

    /** Holds the consumer inside the first event, so the ring fills deterministically. */
    private EventDispatcher heldOnFirstEvent(Recorder recorder, OverflowPolicy overflow) {
        recorder.gate = new CountDownLatch(1);
        EventDispatcher dispatcher = start(settings(2, 1, new BlockingWaitStrategy(), overflow),
                listener(recorder, Delivery.ASYNC));
        return dispatcher;
    }

    @Test
    void blockOverflowWaitsForAFreeSlot() throws InterruptedException {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = heldOnFirstEvent(recorder, OverflowPolicy.BLOCK);
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= 5; i++) {
                dispatcher.dispatch(new Tick(i));
            }
        });
        publisher.start();

        await().atMost(BOUND).until(() -> dispatcher.ring().producerWaits() > 0);
        assertThat(publisher.isAlive()).as("publisher blocked on the full ring").isTrue();
        recorder.gate.countDown();
        publisher.join(BOUND.toMillis());

        await().atMost(BOUND).until(() -> recorder.received.size() == 5);
        assertThat(recorder.received).containsExactly(1, 2, 3, 4, 5);
        assertThat(dispatcher.statistics().dropped()).isZero();
    }

    @Test
    void dropOverflowCountsWhatItDrops() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = heldOnFirstEvent(recorder, OverflowPolicy.DROP);

        for (int i = 1; i <= 10; i++) {
            dispatcher.dispatch(new Tick(i));
        }
        recorder.gate.countDown();

        // The consumer holds slot 1 and has not advanced, so exactly two slots were free.
        await().atMost(BOUND).until(() -> recorder.received.size() == 2);
        assertThat(recorder.received).containsExactly(1, 2);
        assertThat(dispatcher.statistics().dropped()).isEqualTo(8);
    }

    @Test
    void callerRunsOverflowDeliversOnThePublishingThread() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = heldOnFirstEvent(recorder, OverflowPolicy.CALLER_RUNS);
        CountDownLatch consumerGate = recorder.gate;
        dispatcher.dispatch(new Tick(1));
        dispatcher.dispatch(new Tick(2));
        await().atMost(BOUND).until(() -> recorder.entered.get() == 1);
        recorder.gate = null; // the consumer waits on its own copy; the caller must not wait

        dispatcher.dispatch(new Tick(3));

        assertThat(recorder.received).containsExactly(3);
        assertThat(recorder.threads).containsExactly(Thread.currentThread().getName());
        assertThat(dispatcher.statistics().callerRuns()).isEqualTo(1);
        consumerGate.countDown();
        await().atMost(BOUND).until(() -> recorder.received.size() == 3);
        assertThat(recorder.received).containsExactly(3, 1, 2);
    }

    @Test
    void failOverflowThrowsADocumentedException() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = heldOnFirstEvent(recorder, OverflowPolicy.FAIL);
        dispatcher.dispatch(new Tick(1));
        dispatcher.dispatch(new Tick(2));

        assertThatThrownBy(() -> dispatcher.dispatch(new Tick(3))).isInstanceOf(RingFullException.class)
                .hasMessage("Ring full: all 2 slots are taken, event of type " + Tick.class.getName()
                        + " refused (overflow policy: fail)");
        recorder.gate.countDown();
    }

    @Test
    void aFailingListenerIsReportedAndItsConsumerKeepsDelivering() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = start(settings(8, 1, new BlockingWaitStrategy(), OverflowPolicy.BLOCK),
                listener(new Failing(), Delivery.ASYNC), listener(recorder, Delivery.ASYNC));

        for (int i = 1; i <= 6; i++) {
            dispatcher.dispatch(new Tick(i));
        }

        await().atMost(BOUND).until(() -> recorder.received.size() == 6);
        assertThat(handled).containsExactly("Failing.on(Tick): even 2", "Failing.on(Tick): even 4",
                "Failing.on(Tick): even 6");
        assertThat(dispatcher.statistics().failures(0)).isEqualTo(3);
        assertThat(dispatcher.consumers().get(0).thread().isAlive()).isTrue();
    }

    @Test
    void listenersAreSpreadOverConsumersAndEachSeesEveryEventOnceInOrder() {
        Recorder[] recorders = {new Recorder(), new Recorder(), new Recorder(), new Recorder()};
        EventDispatcher dispatcher = start(settings(32, 2, new YieldingWaitStrategy(), OverflowPolicy.BLOCK),
                listener(recorders[0], Delivery.ASYNC), listener(recorders[1], Delivery.ASYNC),
                listener(recorders[2], Delivery.ASYNC), listener(recorders[3], Delivery.ASYNC));
        int events = 10_000;

        for (int i = 0; i < events; i++) {
            dispatcher.dispatch(new Tick(i));
        }

        await().atMost(BOUND).until(() -> Stream.of(recorders).allMatch(r -> r.received.size() >= events));
        for (int i = 0; i < recorders.length; i++) {
            assertThat(recorders[i].received).hasSize(events).isSorted();
            assertThat(recorders[i].threads).containsOnly("test-consumer-" + (i % 2));
        }
    }

    @Test
    void closingDeliversEveryAcceptedEventThenRefusesAsyncEventsButNotSyncOnes() throws InterruptedException {
        Recorder async = new Recorder();
        Recorder sync = new Recorder();
        EventDispatcher dispatcher = start(settings(1024, 1, new BlockingWaitStrategy(), OverflowPolicy.BLOCK),
                listener(async, Delivery.ASYNC));
        for (int i = 0; i < 5_000; i++) {
            dispatcher.dispatch(new Tick(i));
        }

        assertThat(dispatcher.close(BOUND)).isZero();

        assertThat(async.received).hasSize(5_000);
        assertThat(dispatcher.consumers().get(0).thread().isAlive()).isFalse();
        assertThatThrownBy(() -> dispatcher.dispatch(new Tick(-1))).isInstanceOf(PublisherClosedException.class)
                .hasMessage("Asynchronous delivery is shut down: event of type " + Tick.class.getName() + " refused");
        assertThat(sync.received).isEmpty();
    }

    @Test
    void closingReportsWhatCouldNotBeDeliveredInTime() throws InterruptedException {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = heldOnFirstEvent(recorder, OverflowPolicy.BLOCK);
        dispatcher.dispatch(new Tick(1));
        dispatcher.dispatch(new Tick(2));

        long undelivered = dispatcher.close(Duration.ofMillis(200));

        assertThat(undelivered).isEqualTo(2);
        recorder.gate.countDown();
    }

    @Test
    void asyncListenersAreInvalidWithoutAsyncSettings() {
        assertThatThrownBy(() -> new EventDispatcher(List.of(listener(new Recorder(), Delivery.ASYNC)),
                DispatcherSettings.defaults()))
                .isInstanceOf(InvalidListenerException.class).hasMessageContaining("asks for Delivery.ASYNC");
    }
}
