package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.Subscription;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.SubscriberStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Run-time subscriptions: what a subscriber gets, in which order, on which thread, what closing does,
 * how failures and statistics count them.
 */
class SubscriptionTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    interface Priced {
    }

    record Tick(long sequence) implements Priced {
    }

    record Quote(long sequence) implements Priced {
    }

    /** A compiled listener that writes into a shared journal. */
    static final class Compiled {

        final List<String> journal;

        Compiled(List<String> journal) {
            this.journal = journal;
        }

        public void on(Tick tick) {
            journal.add("compiled " + tick.sequence());
        }
    }

    private final List<EventDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (EventDispatcher dispatcher : dispatchers) {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private EventDispatcher sync(ListenerDefinition... definitions) {
        return remember(new EventDispatcher(List.of(definitions), DispatcherSettings.defaults()));
    }

    private EventDispatcher isolating(ListenerErrorHandler handler, ListenerDefinition... definitions) {
        return remember(new EventDispatcher(List.of(definitions), DispatcherSettings.defaults().withErrorHandler(handler)));
    }

    private EventDispatcher async(int consumers, ListenerDefinition... definitions) {
        EventDispatcher dispatcher = new EventDispatcher(List.of(definitions), DispatcherSettings.defaults()
                .withAsync(Listeners.async(1024, consumers, OverflowPolicy.BLOCK, (error, event, listener) -> { },
                        "subscription-test-consumer")));
        dispatcher.start();
        return remember(dispatcher);
    }

    private EventDispatcher remember(EventDispatcher dispatcher) {
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    @Test
    void aSubscriberGetsWhatIsPublishedWhileSubscribedAndNothingAfterClose() {
        EventDispatcher dispatcher = sync();
        List<Long> seen = new ArrayList<>();
        dispatcher.publish(new Tick(1));

        Subscription subscription = dispatcher.subscribe(Tick.class, Delivery.DEFAULT, tick -> seen.add(tick.sequence()));
        dispatcher.publish(new Tick(2));
        dispatcher.publish(new Tick(3));
        subscription.close();
        dispatcher.publish(new Tick(4));
        subscription.close(); // idempotent

        assertThat(seen).containsExactly(2L, 3L);
    }

    @Test
    void supertypesAndInterfacesMatchForClassesPublishedBeforeAndAfterSubscribing() {
        EventDispatcher dispatcher = sync();
        dispatcher.publish(new Tick(0)); // Tick's route exists before the subscription; Quote's does not
        List<Object> priced = new ArrayList<>();
        List<Object> everything = new ArrayList<>();
        dispatcher.subscribe(Priced.class, Delivery.SYNC, priced::add);
        dispatcher.subscribe(Object.class, Delivery.SYNC, everything::add);

        dispatcher.publish(new Tick(1));
        dispatcher.publish(new Quote(2));
        dispatcher.publish("not priced");

        assertThat(priced).containsExactly(new Tick(1), new Quote(2));
        assertThat(everything).containsExactly(new Tick(1), new Quote(2), "not priced");
    }

    @Test
    void subscribersRunAfterTheCompiledListenersInSubscriptionOrder() {
        List<String> journal = new ArrayList<>();
        EventDispatcher dispatcher = sync(Listeners.listener(new Compiled(journal), "on"));
        dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> journal.add("first " + tick.sequence()));
        Subscription second = dispatcher.subscribe(Priced.class, Delivery.SYNC, tick -> journal.add("second"));
        dispatcher.subscribe(Object.class, Delivery.SYNC, tick -> journal.add("third"));
        dispatcher.publish(new Tick(1));
        second.close();
        dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> journal.add("fourth"));
        dispatcher.publish(new Tick(2));

        assertThat(journal).containsExactly("compiled 1", "first 1", "second", "third",
                "compiled 2", "first 2", "third", "fourth");
    }

    @Test
    void anAsynchronousSubscriberRunsOnAConsumerInPublishOrderAcrossClasses() throws InterruptedException {
        EventDispatcher dispatcher = async(2);
        List<Object> seen = new CopyOnWriteArrayList<>();
        AtomicReference<String> thread = new AtomicReference<>();
        dispatcher.subscribe(Priced.class, Delivery.ASYNC, event -> {
            thread.set(Thread.currentThread().getName());
            seen.add(event);
        });
        List<Object> published = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Priced event = i % 2 == 0 ? new Tick(i) : new Quote(i);
            published.add(event);
            dispatcher.publish(event);
        }

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        assertThat(seen).containsExactlyElementsOf(published);
        assertThat(thread.get()).isEqualTo("subscription-test-consumer");
    }

    @Test
    void defaultDeliveryFollowsTheEngineAsDefaultListenersDo() throws InterruptedException {
        AtomicReference<String> onSync = new AtomicReference<>();
        sync().subscribe(Tick.class, Delivery.DEFAULT, tick -> onSync.set(Thread.currentThread().getName()));
        EventDispatcher syncEngine = dispatchers.get(0);
        syncEngine.publish(new Tick(1));
        assertThat(onSync.get()).isEqualTo(Thread.currentThread().getName());

        EventDispatcher asyncEngine = async(1);
        AtomicReference<String> onAsync = new AtomicReference<>();
        AtomicReference<String> forcedSync = new AtomicReference<>();
        asyncEngine.subscribe(Tick.class, Delivery.DEFAULT, tick -> onAsync.set(Thread.currentThread().getName()));
        asyncEngine.subscribe(Tick.class, Delivery.SYNC, tick -> forcedSync.set(Thread.currentThread().getName()));
        asyncEngine.publish(new Tick(1));
        assertThat(asyncEngine.awaitDelivery(BOUND)).isTrue();
        assertThat(onAsync.get()).isEqualTo("subscription-test-consumer");
        assertThat(forcedSync.get()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void anAsynchronousSubscriptionWithoutAsynchronousDeliveryIsRefusedNamingItsType() {
        EventDispatcher dispatcher = sync();
        assertThatIllegalStateException().isThrownBy(() -> dispatcher.subscribe(Tick.class, Delivery.ASYNC, tick -> { }))
                .withMessageStartingWith("A subscription to " + Tick.class.getName() + " (")
                .withMessageEndingWith("asks for Delivery.ASYNC, but asynchronous delivery is not enabled"
                        + " (zerogc.events.async.enabled)");
    }

    @Test
    void aClosedAsynchronousSubscriberGetsNoCallThatStartsAfterCloseEvenForEventsAlreadyInTheRing()
            throws InterruptedException {
        EventDispatcher dispatcher = async(1);
        java.util.concurrent.CountDownLatch blocking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        // The first subscriber holds the consumer inside its first call while the ring fills behind it.
        dispatcher.subscribe(Quote.class, Delivery.ASYNC, quote -> {
            entered.countDown();
            awaitQuietly(blocking);
        });
        Subscription subscription = dispatcher.subscribe(Tick.class, Delivery.ASYNC, tick -> seen.add(tick.sequence()));
        dispatcher.publish(new Quote(0));
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 100; i++) {
            dispatcher.publish(new Tick(i));
        }
        subscription.close();
        blocking.countDown();

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        assertThat(seen).isEmpty();
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(ticks.delivered()).as("skipped calls still deliver the event").isEqualTo(100);
        assertThat(ticks.subscribers()).isEqualTo(new SubscriberStatistics(0, 0, 0, 0));
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void subscribingFromInsideAListenerAndClosingFromInsideItsOwnCallbackWork() {
        EventDispatcher dispatcher = sync();
        List<Long> inner = new ArrayList<>();
        List<Long> once = new ArrayList<>();
        AtomicReference<Subscription> self = new AtomicReference<>();
        self.set(dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> {
            once.add(tick.sequence());
            self.get().close();
            dispatcher.subscribe(Tick.class, Delivery.SYNC, later -> inner.add(later.sequence()));
        }));
        dispatcher.publish(new Tick(1));
        dispatcher.publish(new Tick(2));
        dispatcher.publish(new Tick(3));

        assertThat(once).containsExactly(1L);
        assertThat(inner).as("subscribed during the publish of 1: gets the events after it").containsExactly(2L, 3L);
    }

    @Test
    void aFailingSubscriberReachesThePublisherUnderTheDefaultPolicyAndEndsTheDispatch() {
        EventDispatcher dispatcher = sync();
        List<Long> after = new ArrayList<>();
        dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> {
            throw new IllegalArgumentException("bad tick " + tick.sequence());
        });
        dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> after.add(tick.sequence()));

        assertThatThrownBy(() -> dispatcher.publish(new Tick(7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad tick 7");
        assertThat(after).isEmpty();
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(ticks.failed()).isEqualTo(1);
        assertThat(ticks.aborted()).isEqualTo(1);
        assertThat(ticks.delivered()).isZero();
        assertThat(ticks.subscribers()).isEqualTo(new SubscriberStatistics(2, 0, 1, 1));
    }

    @Test
    void anIsolatingPolicyHandsTheFailureOverNamingTheSubscriptionAndTheOthersStillRun() {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        EventDispatcher dispatcher = isolating((error, event, listener) -> handled.add(listener + ": " + error.getMessage()));
        List<Long> after = new ArrayList<>();
        dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> {
            throw new IllegalArgumentException("bad tick");
        });
        dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> after.add(tick.sequence()));
        dispatcher.publish(new Tick(1));

        assertThat(after).containsExactly(1L);
        assertThat(handled).singleElement().asString()
                .startsWith("subscription #1 to " + Tick.class.getName() + " (" + SubscriptionTest.class.getName())
                .endsWith("): bad tick");
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(ticks.failed()).isEqualTo(1);
        assertThat(ticks.delivered()).isEqualTo(1);
        assertThat(ticks.subscribers()).isEqualTo(new SubscriberStatistics(2, 0, 2, 1));
    }

    @Test
    void asynchronousFailuresAreContainedAndCounted() throws InterruptedException {
        EventDispatcher dispatcher = async(1);
        List<Long> after = new CopyOnWriteArrayList<>();
        dispatcher.subscribe(Tick.class, Delivery.ASYNC, tick -> {
            throw new IllegalStateException("async failure");
        });
        dispatcher.subscribe(Tick.class, Delivery.ASYNC, tick -> after.add(tick.sequence()));
        for (int i = 1; i <= 10; i++) {
            dispatcher.publish(new Tick(i));
        }
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();

        assertThat(after).hasSize(10);
        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(ticks.failed()).isEqualTo(10);
        assertThat(ticks.delivered()).isEqualTo(10);
        assertThat(ticks.subscribers()).isEqualTo(new SubscriberStatistics(0, 2, 20, 10));
    }

    @Test
    void statisticsCountOpenSubscriptionsAndEveryCallAndTheInvariantHolds() throws InterruptedException {
        List<String> journal = new CopyOnWriteArrayList<>();
        EventDispatcher dispatcher = async(2, Listeners.listener(new Compiled(journal), "on"));
        List<Object> syncSeen = new ArrayList<>();
        List<Object> asyncSeen = new CopyOnWriteArrayList<>();
        Subscription syncSubscription = dispatcher.subscribe(Tick.class, Delivery.SYNC, syncSeen::add);
        dispatcher.subscribe(Priced.class, Delivery.ASYNC, asyncSeen::add);
        dispatcher.subscribe(Quote.class, Delivery.ASYNC, asyncSeen::add);
        for (int i = 0; i < 500; i++) {
            dispatcher.publish(new Tick(i));
            if (i == 249) {
                syncSubscription.close();
            }
        }
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();

        EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
        assertThat(ticks.published()).isEqualTo(500);
        assertThat(ticks.published()).isEqualTo(ticks.delivered() + ticks.dropped() + ticks.refused() + ticks.aborted());
        assertThat(ticks.subscribers()).isEqualTo(new SubscriberStatistics(0, 1, syncSeen.size() + asyncSeen.size(), 0));
        assertThat(syncSeen).hasSize(250);
        assertThat(asyncSeen).hasSize(500);
        assertThat(ticks.listeners()).singleElement().satisfies(listener -> assertThat(listener.invocations())
                .isEqualTo(journal.size()).isEqualTo(500));
        EventTypeStatistics quotes = dispatcher.statistics().eventType(Quote.class.getName());
        assertThat(quotes.published()).as("subscribed, never published").isZero();
        assertThat(quotes.subscribers()).isEqualTo(new SubscriberStatistics(0, 2, 0, 0));
        assertThat(dispatcher.statistics().subscribers(Tick.class)).isEqualTo(1);
    }

    @Test
    void deliveredStaysExactWhileAnAsynchronousSubscriberComesAndGoesUnderDrops() throws InterruptedException {
        EventDispatcher dispatcher = remember(new EventDispatcher(List.of(), DispatcherSettings.defaults()
                .withAsync(Listeners.async(8, 1, OverflowPolicy.DROP, (error, event, listener) -> { },
                        "subscription-drop-consumer"))));
        dispatcher.start();
        List<Long> seen = new CopyOnWriteArrayList<>();
        for (int round = 0; round < 20; round++) {
            Subscription subscription = dispatcher.subscribe(Tick.class, Delivery.ASYNC, tick -> seen.add(tick.sequence()));
            for (int i = 0; i < 100; i++) {
                dispatcher.publish(new Tick(i));
            }
            subscription.close();
            for (int i = 0; i < 100; i++) {
                dispatcher.publish(new Tick(i)); // no subscriber: synchronous, nothing to drop
            }
        }
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        await().atMost(BOUND).untilAsserted(() -> {
            EventTypeStatistics ticks = dispatcher.statistics().eventType(Tick.class.getName());
            assertThat(ticks.published()).isEqualTo(4_000);
            assertThat(ticks.published())
                    .isEqualTo(ticks.delivered() + ticks.dropped() + ticks.refused() + ticks.aborted());
            assertThat(ticks.subscribers().invocations()).isEqualTo(seen.size());
        });
    }

    @Test
    void eventsFromOutsideReachSubscribers() {
        EventDispatcher dispatcher = sync();
        List<Object> seen = new ArrayList<>();
        dispatcher.subscribe(Tick.class, Delivery.SYNC, seen::add);
        dispatcher.publishReceived(new Tick(1));
        assertThat(seen).containsExactly(new Tick(1));
    }

    @Test
    void tenThousandSubscribersEachGetEveryEventWhileHalfOfThemLeaveOneByOne() {
        EventDispatcher dispatcher = sync();
        dispatcher.publish(new Tick(-1)); // the route exists: subscribers join its lane one by one
        long[] counts = new long[10_000];
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            int k = i;
            subscriptions.add(dispatcher.subscribe(Tick.class, Delivery.SYNC, tick -> counts[k]++));
        }
        dispatcher.publish(new Tick(0));
        // Every other one leaves, publishing in between: the lane empties slots and compacts as it goes.
        for (int i = 0; i < counts.length; i += 2) {
            subscriptions.get(i).close();
            dispatcher.publish(new Tick(1));
        }
        for (int i = 0; i < counts.length; i++) {
            assertThat(counts[i]).as("subscriber %d", i).isEqualTo(i % 2 == 0 ? 1 + i / 2 : 1 + counts.length / 2);
        }
        subscriptions.forEach(Subscription::close);
        dispatcher.publish(new Tick(2));

        long calls = java.util.Arrays.stream(counts).sum();
        assertThat(dispatcher.statistics().eventType(Tick.class.getName()).subscribers())
                .isEqualTo(new SubscriberStatistics(0, 0, calls, 0));
    }
}
