package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.BatchStart;
import io.zerogc.events.Delivery;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous listeners that take {@code boolean endOfBatch}, and beans that implement
 * {@link BatchStart}: where a batch ends for each listener, under trickles, bursts, a bounded batch,
 * type filtering and caller-runs; and the signatures that are refused.
 */
class BatchAwareListenerTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    record Tick(long sequence) {
    }

    record Quote(long sequence) {
    }

    /** One listener call: the event, the flag, the thread. */
    record Call(Object event, boolean endOfBatch, String thread) {
    }

    /** Sees every tick, and is told when its batches begin. */
    public static class Flusher implements BatchStart {

        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<Integer> starts = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold;
        volatile CountDownLatch held;

        public void on(Tick tick, boolean endOfBatch) {
            calls.add(new Call(tick, endOfBatch, Thread.currentThread().getName()));
            CountDownLatch latch = hold;
            if (latch != null && tick.sequence() == 0) {
                held.countDown();
                awaitQuietly(latch);
            }
        }

        @Override
        public void onBatchStart(int events, long queueDepth) {
            starts.add(events);
        }
    }

    /** Sees only quotes, published between the ticks: its own last quote of a batch ends its batch. */
    public static class QuoteFlusher {

        final List<Call> calls = new CopyOnWriteArrayList<>();

        public void on(Quote quote, boolean endOfBatch) {
            calls.add(new Call(quote, endOfBatch, Thread.currentThread().getName()));
        }
    }

    /** Invalid shapes. */
    public static class Invalid {

        public void syncWithFlag(Tick tick, boolean endOfBatch) {
        }

        public int returnsValue(Tick tick, boolean endOfBatch) {
            return 0;
        }

        public void intSecond(Tick tick, int count) {
        }
    }

    /** A batch start bean with synchronous listeners only. */
    public static class SyncStart implements BatchStart {

        public void on(Tick tick) {
        }

        @Override
        public void onBatchStart(int events, long queueDepth) {
        }
    }

    private final List<EventDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (EventDispatcher dispatcher : dispatchers) {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private EventDispatcher dispatcher(int maxBatch, OverflowPolicy overflow, int ringSize, Object... targets) {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (Object target : targets) {
            definitions.add(ListenerDefinition.of(target.getClass().getSimpleName(), target,
                    Listeners.method(target.getClass(), "on"), 0, Delivery.ASYNC));
        }
        EventDispatcher dispatcher = new EventDispatcher(definitions, DispatcherSettings.defaults()
                .withAsync(Listeners.async(ringSize, 1, overflow, (error, event, listener) -> { },
                        "batch-consumer").withMaxBatch(maxBatch)));
        dispatcher.start();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    @Test
    void aTrickleIsABatchOfOneAtATime() throws InterruptedException {
        Flusher flusher = new Flusher();
        EventDispatcher dispatcher = dispatcher(256, OverflowPolicy.BLOCK, 1024, flusher);
        for (int i = 0; i < 50; i++) {
            dispatcher.publish(new Tick(i));
            assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        }

        assertThat(flusher.calls).hasSize(50).allSatisfy(call -> {
            assertThat(call.endOfBatch()).isTrue();
            assertThat(call.thread()).isEqualTo("batch-consumer");
        });
        assertThat(flusher.starts).hasSize(50).containsOnly(1);
    }

    @Test
    void aBurstIsDeliveredInBatchesOfAtMostMaxBatchEachEndingOnceOnItsLastEvent() throws InterruptedException {
        Flusher flusher = new Flusher();
        EventDispatcher dispatcher = dispatcher(100, OverflowPolicy.BLOCK, 2048, flusher);
        flusher.hold = new CountDownLatch(1);
        flusher.held = new CountDownLatch(1);
        dispatcher.publish(new Tick(0)); // holds the consumer inside its first call
        assertThat(flusher.held.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 1_000; i++) {
            dispatcher.publish(new Tick(i));
        }
        flusher.hold.countDown();
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();

        List<Call> calls = flusher.calls;
        assertThat(calls).hasSize(1_001);
        assertThat(calls.get(calls.size() - 1).endOfBatch()).as("the last event ends its batch").isTrue();
        List<Integer> batches = batchSizes(calls);
        assertThat(batches).allSatisfy(size -> assertThat(size).isBetween(1, 100));
        // Everything after the held event was published before the consumer went on: full batches of 100.
        assertThat(batches.subList(1, batches.size() - 1)).containsOnly(100);
        assertThat(flusher.starts).as("one start per batch, announcing its size").containsExactlyElementsOf(batches);
        assertThat(dispatcher.consumers().get(0).batches()).isEqualTo(batches.size());
    }

    @Test
    void aListenerThatTakesOneTypeEndsItsBatchAtItsOwnLastEvent() throws InterruptedException {
        Flusher ticks = new Flusher();
        QuoteFlusher quotes = new QuoteFlusher();
        EventDispatcher dispatcher = dispatcher(256, OverflowPolicy.BLOCK, 2048, ticks, quotes);
        ticks.hold = new CountDownLatch(1);
        ticks.held = new CountDownLatch(1);
        dispatcher.publish(new Tick(0));
        assertThat(ticks.held.await(10, TimeUnit.SECONDS)).isTrue();
        // One batch of 200 after the held one: quotes first, then ticks only, so the quotes' batch ends early.
        for (int i = 1; i <= 100; i++) {
            dispatcher.publish(new Quote(i));
        }
        for (int i = 1; i <= 100; i++) {
            dispatcher.publish(new Tick(i));
        }
        ticks.hold.countDown();
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();

        assertThat(quotes.calls).hasSize(100);
        assertThat(quotes.calls.stream().filter(Call::endOfBatch).map(Call::event)).containsExactly(new Quote(100));
        assertThat(ticks.calls.stream().filter(Call::endOfBatch).map(Call::event))
                .containsExactly(new Tick(0), new Tick(100));
        assertThat(ticks.starts).as("the quotes in the batch are not the tick listener's").containsExactly(1, 100);
    }

    @Test
    void aDeliveryOnThePublishingThreadUnderCallerRunsIsABatchOfOne() throws InterruptedException {
        Flusher flusher = new Flusher();
        EventDispatcher dispatcher = dispatcher(256, OverflowPolicy.CALLER_RUNS, 4, flusher);
        flusher.hold = new CountDownLatch(1);
        flusher.held = new CountDownLatch(1);
        dispatcher.publish(new Tick(0));
        assertThat(flusher.held.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 20; i++) {
            dispatcher.publish(new Tick(i)); // four fit in the ring; the rest run here
        }
        flusher.hold.countDown();
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();

        List<Call> onCaller = flusher.calls.stream().filter(call -> call.thread().equals(Thread.currentThread().getName()))
                .toList();
        assertThat(onCaller).hasSizeGreaterThanOrEqualTo(16).allSatisfy(call -> assertThat(call.endOfBatch()).isTrue());
        List<Call> onConsumer = flusher.calls.stream().filter(call -> call.thread().equals("batch-consumer")).toList();
        assertThat(onConsumer.get(onConsumer.size() - 1).endOfBatch()).isTrue();
        assertThat(flusher.starts.stream().mapToInt(Integer::intValue).sum()).as("starts only for consumer batches")
                .isEqualTo(onConsumer.size());
    }

    @Test
    void endOfBatchOnASynchronousListenerIsRefusedNamingTheMethod() {
        Invalid invalid = new Invalid();
        assertThatThrownBy(() -> new EventDispatcher(List.of(ListenerDefinition.of("invalid", invalid,
                Listeners.method(Invalid.class, "syncWithFlag"), 0, Delivery.SYNC)), DispatcherSettings.defaults()))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageContaining("@ZeroGcListener method " + Invalid.class.getName()
                        + ".syncWithFlag(Tick, boolean) of bean 'invalid' takes boolean endOfBatch, which only"
                        + " asynchronous listeners get: declare @ZeroGcListener(delivery = Delivery.ASYNC)");
        assertThatThrownBy(() -> new EventDispatcher(List.of(ListenerDefinition.of("invalid", invalid,
                Listeners.method(Invalid.class, "syncWithFlag"), 0, Delivery.DEFAULT)), DispatcherSettings.defaults()))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageContaining("takes boolean endOfBatch, which only asynchronous listeners get: declare"
                        + " @ZeroGcListener(delivery = Delivery.ASYNC) or switch asynchronous delivery on");
    }

    @Test
    void otherShapesWithTwoParametersAreRefused() {
        Invalid invalid = new Invalid();
        assertThatThrownBy(() -> new EventDispatcher(List.of(
                ListenerDefinition.of("invalid", invalid, Listeners.method(Invalid.class, "returnsValue"), 0,
                        Delivery.ASYNC),
                ListenerDefinition.of("invalid", invalid, Listeners.method(Invalid.class, "intSecond"), 0,
                        Delivery.ASYNC)),
                DispatcherSettings.defaults().withAsync(Listeners.async(8, 1, OverflowPolicy.BLOCK,
                        (error, event, listener) -> { }, "refused"))))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageContaining(".returnsValue(Tick, boolean) of bean 'invalid' takes boolean endOfBatch and"
                        + " returns int: a listener that observes batches returns nothing")
                .hasMessageContaining(".intSecond(Tick, int) of bean 'invalid' must take exactly one parameter, the"
                        + " event, but takes 2 (the second may only be boolean endOfBatch, for an asynchronous listener)");
    }

    @Test
    void aBatchStartBeanWithoutAsynchronousListenersIsRefused() {
        SyncStart bean = new SyncStart();
        assertThatThrownBy(() -> new EventDispatcher(List.of(ListenerDefinition.of("syncStart", bean,
                Listeners.method(SyncStart.class, "on"), 0, Delivery.SYNC)), DispatcherSettings.defaults()))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageContaining("Bean 'syncStart' implements BatchStart, but none of its @ZeroGcListener methods"
                        + " is asynchronous, so no batch would ever start for it");
    }

    /** The sizes of the batches a listener saw: the runs of calls up to and including each end of batch. */
    private static List<Integer> batchSizes(List<Call> calls) {
        List<Integer> sizes = new ArrayList<>();
        int size = 0;
        for (Call call : calls) {
            size++;
            if (call.endOfBatch()) {
                sizes.add(size);
                size = 0;
            }
        }
        assertThat(size).as("calls after the last end of batch").isZero();
        return sizes;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
