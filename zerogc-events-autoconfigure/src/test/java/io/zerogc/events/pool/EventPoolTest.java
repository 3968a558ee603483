package io.zerogc.events.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.PoolExhaustedException;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.dispatch.TestListeners;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPoolTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Records prices; can hold on a gate; can keep a reference (the classic bug). */
    public static final class Watcher {

        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate;
        volatile Quote kept;

        public void on(Quote quote) throws InterruptedException {
            CountDownLatch held = gate;
            if (held != null) {
                held.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            seen.add(quote.symbol() + "@" + quote.generation());
            kept = quote;
        }
    }

    /** Publishes a nested pooled quote from inside a listener. */
    public static final class Relay {

        EventDispatcher dispatcher;
        EventPools pools;

        public void on(Quote quote) {
            if (quote.symbol().startsWith("outer")) {
                Quote inner = pools.borrow(Quote.class);
                Quote.fill(inner, "inner-of-" + quote.symbol());
                dispatcher.dispatch(inner);
            }
        }
    }

    public static final class Unconstructible extends PooledEvent {

        public Unconstructible(String required) {
        }

        @Override
        protected void reset() {
        }
    }

    private final List<EventDispatcher> started = new ArrayList<>();

    @AfterEach
    void closeAll() throws InterruptedException {
        for (EventDispatcher dispatcher : started) {
            dispatcher.close(BOUND);
        }
    }

    private static EventPools pools(int size, ExhaustedPolicy policy, boolean verify) {
        EventPools pools = new EventPools(size, Map.of(), policy, verify);
        pools.prepare(Quote.class);
        return pools;
    }

    private EventDispatcher dispatcher(Delivery delivery, Object... listeners) {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (Object listener : listeners) {
            definitions.add(ListenerDefinition.of(listener.getClass().getSimpleName(), listener,
                    TestListeners.method(listener.getClass(), "on"), definitions.size(),
                    delivery));
        }
        EventDispatcher dispatcher = new EventDispatcher(definitions,
                DispatcherSettings.defaults().withAsync(new AsyncSettings(8, 1,
                new BlockingWaitStrategy(), OverflowPolicy.BLOCK, runnable -> {
                    Thread thread = new Thread(runnable, "pool-consumer");
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { })).withPooling(true));
        dispatcher.start();
        started.add(dispatcher);
        return dispatcher;
    }

    private static Quote quote(EventPools pools, String symbol) {
        Quote quote = pools.borrow(Quote.class);
        Quote.fill(quote, symbol);
        return quote;
    }

    private static long inUse(EventPools pools) {
        return pools.statistics().get(0).borrowed();
    }

    @Test
    void aSynchronouslyDeliveredEventReturnsToItsPoolWhenPublishReturns() {
        EventPools pools = pools(2, ExhaustedPolicy.FAIL, false);
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);

        Quote first = quote(pools, "A");
        assertThat(inUse(pools)).isEqualTo(1);
        dispatcher.dispatch(first);

        assertThat(inUse(pools)).isZero();
        assertThat(first.symbol).as("reset on return").isNull();
        for (int i = 0; i < 10; i++) {
            dispatcher.dispatch(quote(pools, "B" + i)); // two instances serve ten publishes
        }
        assertThat(watcher.seen).hasSize(11).startsWith("A@1");
        assertThat(pools.statistics().get(0).misses()).isZero();
    }

    @Test
    void anAsynchronouslyDeliveredEventReturnsAfterItsConsumerIsDone() {
        EventPools pools = pools(4, ExhaustedPolicy.FAIL, false);
        Watcher watcher = new Watcher();
        watcher.gate = new CountDownLatch(1);
        EventDispatcher dispatcher = dispatcher(Delivery.ASYNC, watcher);

        dispatcher.dispatch(quote(pools, "A"));

        assertThat(inUse(pools)).as("held by the consumer").isEqualTo(1);
        watcher.gate.countDown();
        await().atMost(BOUND).until(() -> inUse(pools) == 0);
        assertThat(watcher.seen).containsExactly("A@1");
    }

    @Test
    void mixedDeliveryReturnsTheEventAfterBothPaths() {
        EventPools pools = pools(4, ExhaustedPolicy.FAIL, false);
        Watcher sync = new Watcher();
        Watcher async = new Watcher();
        async.gate = new CountDownLatch(1);
        List<ListenerDefinition> definitions = List.of(
                ListenerDefinition.of("sync", sync, TestListeners.method(Watcher.class, "on"),
                        0, Delivery.SYNC),
                ListenerDefinition.of("async", async, TestListeners.method(Watcher.class,
                        "on"), 1, Delivery.ASYNC));
        EventDispatcher dispatcher = new EventDispatcher(definitions,
                DispatcherSettings.defaults().withAsync(new AsyncSettings(8, 1,
                new BlockingWaitStrategy(), OverflowPolicy.BLOCK, Thread::new, 
                        (error, event, listener) -> { })).withPooling(true));
        dispatcher.start();
        started.add(dispatcher);

        dispatcher.dispatch(quote(pools, "M"));

        assertThat(sync.seen).containsExactly("M@1");
        assertThat(inUse(pools)).isEqualTo(1);
        async.gate.countDown();
        await().atMost(BOUND).until(() -> inUse(pools) == 0);
        assertThat(async.seen).containsExactly("M@1");
    }

    @Test
    void listenersMayPublishPooledEventsFromInsideADispatch() {
        EventPools pools = pools(4, ExhaustedPolicy.FAIL, false);
        Relay relay = new Relay();
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, relay, watcher);
        relay.dispatcher = dispatcher;
        relay.pools = pools;

        dispatcher.dispatch(quote(pools, "outer"));

        assertThat(watcher.seen).extracting(s -> s.substring(0, s.indexOf('@')))
                .containsExactly("inner-of-outer", "outer");
        assertThat(inUse(pools)).isZero();
    }

    @Test
    void theOwnersSynchronousReturnsAreBorrowedAgainFromItsStashAndCountAsFree() {
        EventPools pools = pools(16, ExhaustedPolicy.FAIL, false); // a stash of 4
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);
        Quote first = quote(pools, "A"); // this thread borrows first: it owns the stash
        dispatcher.dispatch(first);

        assertThat(inUse(pools)).as("stashed, not in use").isZero();
        Quote again = quote(pools, "B");
        assertThat(again).as("the stash is last in, first out").isSameAs(first);
        assertThat(again.generation()).isEqualTo(2);
        dispatcher.dispatch(again);
        assertThatThrownBy(() -> dispatcher.dispatch(again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is back in its pool");
        assertThat(watcher.seen).containsExactly("A@1", "B@2");
    }

    @Test
    void anEndedOwnersStashGoesBackToTheFreeList() throws InterruptedException {
        EventPools pools = pools(8, ExhaustedPolicy.FAIL, false); // the owner holds 2: the last returned, one more
        Thread owner = new Thread(() -> {
            Quote one = quote(pools, "one");
            Quote two = quote(pools, "two");
            EventPool.giveBack(one); // kept by reference, in front of the stash
            EventPool.giveBack(two); // into the stash
        });
        owner.start();
        owner.join();

        List<Quote> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(quote(pools, "q" + i)); // the last two only once the ended owner's stash is taken back
        }
        assertThat(all).doesNotHaveDuplicates();
        assertThat(inUse(pools)).isEqualTo(8);
        assertThatThrownBy(() -> pools.borrow(Quote.class)).isInstanceOf(PoolExhaustedException.class);
    }

    @Test
    void theOwnerKeepsNothingOfAPoolTooSmallToSpareAnInstance() throws Exception {
        EventPools pools = pools(3, ExhaustedPolicy.FAIL, false);
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, new Watcher());
        for (int i = 0; i < 3; i++) {
            dispatcher.dispatch(quote(pools, "own" + i)); // this thread owns the pool and gets each one back
        }

        FutureTask<List<Quote>> other = new FutureTask<>(() -> {
            List<Quote> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                all.add(quote(pools, "other" + i));
            }
            return all;
        });
        new Thread(other, "other-borrower").start();

        assertThat(other.get(10, TimeUnit.SECONDS)).as("all three on the free list for any thread")
                .doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void blockPolicyWaitsForAnInstanceToComeBack() throws InterruptedException {
        EventPools pools = pools(1, ExhaustedPolicy.BLOCK, false);
        Quote only = quote(pools, "first");
        Quote[] second = new Quote[1];
        Thread borrower = new Thread(() -> second[0] = pools.borrow(Quote.class));
        borrower.start();

        await().atMost(BOUND).until(() -> pools.statistics().get(0).waits() == 1);
        assertThat(borrower.isAlive()).isTrue();
        EventPool.giveBack(only);
        borrower.join(BOUND.toMillis());

        assertThat(second[0]).isSameAs(only);
        assertThat(second[0].generation()).isEqualTo(2);
    }

    @Test
    void allocatePolicyCountsAMissAndDiscardsTheExtraInstance() {
        EventPools pools = pools(1, ExhaustedPolicy.ALLOCATE, false);
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);
        Quote pooled = quote(pools, "pooled");

        Quote extra = quote(pools, "extra");
        dispatcher.dispatch(extra);
        dispatcher.dispatch(pooled);

        assertThat(extra).isNotSameAs(pooled);
        assertThat(pools.statistics().get(0).misses()).isEqualTo(1);
        assertThat(inUse(pools)).isZero();
        assertThat(pools.borrow(Quote.class)).isSameAs(pooled);
    }

    @Test
    void failPolicyThrowsADocumentedException() {
        EventPools pools = pools(1, ExhaustedPolicy.FAIL, false);
        quote(pools, "held");

        assertThatThrownBy(() -> pools.borrow(Quote.class)).isInstanceOf(PoolExhaustedException.class)
                .hasMessage("Pool of " + Quote.class.getName() + " exhausted: all 1 instances are in use"
                        + " (exhausted policy: fail)");
    }

    @Test
    void verifyModeCatchesAListenerThatKeptAReference() {
        EventPools pools = pools(2, ExhaustedPolicy.FAIL, true);
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);

        dispatcher.dispatch(quote(pools, "A"));

        assertThatThrownBy(() -> watcher.kept.price()).isInstanceOf(IllegalStateException.class)
                .hasMessage(Quote.class.getName() + " (generation 1) used after it went back to its pool: a listener"
                        + " kept a reference to a pooled event past its call");
    }

    /** Size 1: the slot comes back through the free list; 16: as the owner's last returned instance. */
    @ParameterizedTest
    @ValueSource(ints = {1, 16})
    void verifyModeCatchesAKeptReferenceEvenAfterItsSlotWasBorrowedAgain(int size) {
        EventPools pools = pools(size, ExhaustedPolicy.FAIL, true);
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);
        dispatcher.dispatch(quote(pools, "A"));
        Quote keptA = watcher.kept;

        Quote b = quote(pools, "B"); // A's slot, borrowed again: a fresh instance, A stays quarantined
        dispatcher.dispatch(b);

        assertThat(b).isNotSameAs(keptA);
        assertThatThrownBy(keptA::symbol).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used after it went back to its pool");
        assertThat(watcher.seen).containsExactly("A@1", "B@1");
        assertThat(pools.statistics().get(0).borrowed()).isZero();
    }

    @Test
    void withoutVerifyModeAReleasedInstanceIsReadSilently() {
        EventPools pools = pools(2, ExhaustedPolicy.FAIL, false);
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);

        dispatcher.dispatch(quote(pools, "A"));

        assertThat(watcher.kept.symbol()).isNull();
    }

    @Test
    void publishingAnEventNotBorrowedFromThePoolIsAClearError() {
        pools(2, ExhaustedPolicy.FAIL, false);
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, new Watcher());

        assertThatThrownBy(() -> dispatcher.dispatch(new Quote())).isInstanceOf(IllegalStateException.class)
                .hasMessage(Quote.class.getName() + " was not borrowed from its pool: borrow pooled events with"
                        + " ZeroGcEventPublisher.borrow instead of new");
    }

    @Test
    void publishingTwiceOrAfterReleaseIsAClearError() {
        EventPools pools = pools(2, ExhaustedPolicy.FAIL, false);
        Watcher watcher = new Watcher();
        EventDispatcher dispatcher = dispatcher(Delivery.SYNC, watcher);
        Quote quote = quote(pools, "A");
        dispatcher.dispatch(quote);

        assertThatThrownBy(() -> dispatcher.dispatch(quote)).isInstanceOf(IllegalStateException.class)
                .hasMessage(Quote.class.getName() + " (generation 1) is back in its pool: a pooled event is published"
                        + " once per borrow");
    }

    public static final class Other extends PooledEvent {

        @Override
        protected void reset() {
        }
    }

    @Test
    void threadsThatShareASlotEachBorrowFromTheirTypesPool() throws InterruptedException {
        EventPools pools = pools(64, ExhaustedPolicy.FAIL, false);
        pools.prepare(Other.class);
        int threads = 300; // more than the most slots there are: borrowers meet in slots
        AtomicReference<String> wrong = new AtomicReference<>();
        List<Thread> borrowers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Class<? extends PooledEvent> first = t % 2 == 0 ? Quote.class : Other.class;
            Class<? extends PooledEvent> second = first == Quote.class ? Other.class : Quote.class;
            borrowers.add(new Thread(() -> {
                for (int n = 0; n < 200; n++) {
                    Class<? extends PooledEvent> type = n % 3 == 0 ? second : first;
                    PooledEvent borrowed = pools.borrow(type);
                    if (borrowed.getClass() != type) {
                        wrong.compareAndSet(null, "borrowed a " + borrowed.getClass().getSimpleName() + " for "
                                + type.getSimpleName());
                    }
                    EventPool.giveBack(borrowed);
                }
            }));
        }
        borrowers.forEach(Thread::start);
        for (Thread borrower : borrowers) {
            borrower.join(BOUND.toMillis());
        }

        assertThat(borrowers).noneMatch(Thread::isAlive);
        assertThat(wrong.get()).isNull();
        assertThat(pools.statistics()).allSatisfy(pool -> assertThat(pool.borrowed()).isZero());
    }

    @Test
    void aBorrowedEventCanBeGivenBackUnpublished() {
        EventPools pools = pools(1, ExhaustedPolicy.FAIL, false);
        Quote quote = quote(pools, "A");

        EventPool.giveBack(quote);

        assertThat(inUse(pools)).isZero();
        assertThatThrownBy(() -> EventPool.giveBack(quote)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void typesThatCannotBePooledAreNamedWithTheReason() {
        EventPools pools = new EventPools(4, Map.of(), ExhaustedPolicy.FAIL, false);

        assertThatThrownBy(() -> pools.prepare(Unconstructible.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Unconstructible.class.getName() + " cannot be pooled: it has no no-arg constructor, which"
                        + " the pool needs to create its instances up front");
        assertThatThrownBy(() -> pools.prepare(PooledEvent.class)).hasMessageContaining("must be a concrete subclass");
    }
}
