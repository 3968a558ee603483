package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Start and stop are all or nothing, and close ends every consumer thread and refuses later publishes,
 * even when a listener call outlasts the shutdown timeout.
 */
class AsyncRestartTest {

    record Job(int n) {
    }

    /** Blocks in its first call until released (or interrupted). */
    public static final class Stuck {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        public void on(Job job) throws InterruptedException {
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A started dispatcher whose only consumer is inside the stuck listener's call, then stopped. */
    private static EventDispatcher stoppedWhileStuck(Stuck stuck) throws InterruptedException {
        AsyncSettings async = Listeners.async(64, 1, OverflowPolicy.BLOCK, (error, event, listener) -> { },
                "restart-test-consumer");
        ListenerDefinition listener = ListenerDefinition.of("stuck", stuck, Listeners.method(Stuck.class, "on"), 0,
                Delivery.ASYNC);
        EventDispatcher dispatcher = new EventDispatcher(List.of(listener),
                DispatcherSettings.defaults().withAsync(async));
        dispatcher.start();
        dispatcher.publish(new Job(1));
        assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.stop(Duration.ofMillis(50));
        return dispatcher;
    }

    @Test
    void aStartWhileAStoppedConsumerIsStillInAListenerFailsAndLeavesDeliveryStopped() throws Exception {
        Stuck stuck = new Stuck();
        EventDispatcher dispatcher = stoppedWhileStuck(stuck);
        Thread consumer = dispatcher.consumers().get(0).thread();

        assertThatThrownBy(dispatcher::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still inside a listener call");
        assertThatThrownBy(() -> dispatcher.publish(new Job(2))).as("delivery stays stopped")
                .isInstanceOf(PublisherClosedException.class);
        stuck.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.isAlive());
        dispatcher.start();
        dispatcher.publish(new Job(3));
        assertThat(dispatcher.awaitDelivery(Duration.ofSeconds(10))).isTrue();
        assertThat(stuck.calls.get()).as("the start after the call returned resumed delivery").isEqualTo(2);
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void closeEndsAConsumerStuckInAListenerAndRefusesLaterPublishes() throws Exception {
        Stuck stuck = new Stuck();
        EventDispatcher dispatcher = stoppedWhileStuck(stuck);
        Thread consumer = dispatcher.consumers().get(0).thread();
        assertThatThrownBy(dispatcher::start).isInstanceOf(IllegalStateException.class);

        dispatcher.close(Duration.ofMillis(50));

        await().atMost(Duration.ofSeconds(5)).until(() -> !consumer.isAlive());
        assertThatThrownBy(() -> dispatcher.publish(new Job(2))).isInstanceOf(PublisherClosedException.class);
        assertThat(stuck.calls.get()).isEqualTo(1);
    }
}
