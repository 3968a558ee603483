package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.pool.EventPools;
import io.zerogc.events.pool.ExhaustedPolicy;
import io.zerogc.events.pool.Quote;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing from inside an asynchronous listener, into a full ring or an exhausted pool, never makes a
 * consumer wait for itself: a consumer advances only after its batch, so such a wait never ended.
 */
class ConsumerPublishingTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    record Order(int n) {
    }

    record FollowUp(int n) {
    }

    /** Replies to each order with a follow-up, which has an asynchronous listener of its own. */
    public static final class Replier {

        final AtomicInteger orders = new AtomicInteger();
        final AtomicInteger followUps = new AtomicInteger();

        public FollowUp on(Order order) {
            orders.incrementAndGet();
            return new FollowUp(order.n());
        }

        public void on(FollowUp followUp) {
            followUps.incrementAndGet();
        }
    }

    /**
     * Borrows ten pooled quotes for each order, more than the pool holds, and publishes them; quotes have
     * an asynchronous listener on the same consumer, which alone can release them.
     */
    public static final class Quoter {

        EventDispatcher dispatcher;
        EventPools pools;
        final AtomicInteger quotes = new AtomicInteger();

        public void on(Order order) {
            for (int i = 0; i < 10; i++) {
                dispatcher.publish(pools.borrow(Quote.class));
            }
        }

        public void on(Quote quote) {
            quotes.incrementAndGet();
        }
    }

    private EventDispatcher dispatcher;

    @AfterEach
    void close() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private static AsyncSettings async(int ringSize) {
        return Listeners.async(ringSize, 1, OverflowPolicy.BLOCK, (error, event, listener) -> { },
                "consumer-publishing-test");
    }

    @Test
    void aListenerThatRepliesIntoAFullRingUnderTheBlockPolicyDoesNotDeadlock() throws Exception {
        Replier replier = new Replier();
        dispatcher = new EventDispatcher(List.of(listenerOf(replier, Order.class), listenerOf(replier, FollowUp.class)),
                DispatcherSettings.defaults().withAsync(async(16)));
        dispatcher.start();
        int events = 2_000;

        publishWithinBound(events);

        assertThat(dispatcher.awaitDelivery(BOUND)).as("every event delivered within the bound").isTrue();
        assertThat(replier.orders.get()).isEqualTo(events);
        assertThat(replier.followUps.get()).isEqualTo(events);
        var followUps = dispatcher.statistics().eventType(FollowUp.class.getName());
        assertThat(followUps.published()).isEqualTo(events);
        assertThat(followUps.delivered()).as("caller-run or consumed, every one counted once").isEqualTo(events);
    }

    @Test
    void aListenerThatBorrowsFromAnExhaustedPoolUnderTheBlockPolicyDoesNotDeadlock() throws Exception {
        Quoter quoter = new Quoter();
        quoter.pools = new EventPools(4, Map.of(), ExhaustedPolicy.BLOCK, false);
        quoter.pools.prepare(Quote.class);
        dispatcher = new EventDispatcher(List.of(listenerOf(quoter, Order.class), listenerOf(quoter, Quote.class)),
                DispatcherSettings.defaults().withAsync(async(64)).withPooling(true));
        quoter.dispatcher = dispatcher;
        dispatcher.start();
        int events = 200;

        publishWithinBound(events);

        assertThat(dispatcher.awaitDelivery(BOUND)).as("every event delivered within the bound").isTrue();
        assertThat(quoter.quotes.get()).isEqualTo(10 * events);
        assertThat(quoter.pools.statistics().get(0).misses()).as("a consumer allocates rather than wait on itself")
                .isPositive();
    }

    /**
     * Publishes orders from a thread of its own and fails if it has not finished within the bound: a
     * deadlocked consumer would block the publisher too, and the test must end regardless.
     */
    private void publishWithinBound(int events) throws InterruptedException {
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                dispatcher.publish(new Order(i));
            }
        }, "consumer-publishing-test-publisher");
        publisher.setDaemon(true);
        publisher.start();
        publisher.join(BOUND.toMillis());
        assertThat(publisher.isAlive()).as("the publisher finished within the bound (no consumer waits on itself)")
                .isFalse();
    }

    /** The listener method of a fixture taking the given event type. */
    static ListenerDefinition listenerOf(Object target, Class<?> eventType) {
        for (var method : target.getClass().getDeclaredMethods()) {
            if (method.getName().equals("on") && method.getParameterTypes()[0] == eventType) {
                return ListenerDefinition.of(target.getClass().getSimpleName(), target, method, 0, Delivery.DEFAULT);
            }
        }
        throw new IllegalArgumentException(target.getClass() + " has no on(" + eventType.getSimpleName() + ")");
    }
}
