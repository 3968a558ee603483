package io.zerogc.events.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.dispatch.TestListeners;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several producers and consumers share a small pool: no instance is handed out twice while in use,
 * every event is delivered with what it was filled with, and none is leaked at the end.
 */
class PoolStressTest {

    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 200_000;

    public static final class Checker {

        final AtomicLong seen = new AtomicLong();
        final AtomicLong corrupt = new AtomicLong();

        public void on(Quote quote) {
            if (!quote.inUse.get() || quote.price != Long.parseLong(quote.symbol.substring(1))) {
                corrupt.incrementAndGet();
            }
            seen.incrementAndGet();
        }
    }

    @Test
    void aSmallPoolServesManyProducersAndConsumersWithoutDoubleHandOutsOrLeaks() throws InterruptedException {
        EventPools pools = new EventPools(64, Map.of(), ExhaustedPolicy.BLOCK, false);
        pools.prepare(Quote.class);
        Checker sync = new Checker();
        Checker async0 = new Checker();
        Checker async1 = new Checker();
        List<ListenerDefinition> definitions = List.of(
                ListenerDefinition.of("sync", sync, TestListeners.method(Checker.class, "on"), 0, Delivery.SYNC),
                ListenerDefinition.of("async0", async0, TestListeners.method(Checker.class, "on"), 1, Delivery.ASYNC),
                ListenerDefinition.of("async1", async1, TestListeners.method(Checker.class, "on"), 2, Delivery.ASYNC));
        EventDispatcher dispatcher = new EventDispatcher(definitions,
                DispatcherSettings.defaults().withAsync(new AsyncSettings(256, 2,
                new YieldingWaitStrategy(), OverflowPolicy.BLOCK, Thread::new, 
                        (error, event, listener) -> { })).withPooling(true));
        dispatcher.start();
        AtomicLong doubleHandOuts = new AtomicLong();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    Quote quote = pools.borrow(Quote.class);
                    if (!quote.inUse.compareAndSet(false, true)) {
                        doubleHandOuts.incrementAndGet();
                    }
                    quote.price = i;
                    quote.symbol = "Q" + i;
                    dispatcher.dispatch(quote);
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join(120_000);
        }

        long total = (long) PRODUCERS * PER_PRODUCER;
        await().atMost(Duration.ofSeconds(60)).until(() -> async0.seen.get() == total && async1.seen.get() == total);
        await().atMost(Duration.ofSeconds(10)).until(() -> pools.statistics().get(0).borrowed() == 0);
        dispatcher.close(Duration.ofSeconds(10));

        assertThat(doubleHandOuts.get()).isZero();
        assertThat(sync.seen.get()).isEqualTo(total);
        assertThat(sync.corrupt.get() + async0.corrupt.get() + async1.corrupt.get()).isZero();
        assertThat(pools.statistics().get(0).borrowed()).isZero();
        assertThat(pools.statistics().get(0).misses()).isZero();
    }
}
