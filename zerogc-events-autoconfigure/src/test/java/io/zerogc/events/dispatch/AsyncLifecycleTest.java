package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stop drains and parks, start resumes, close is final; and the count of what a stop could not deliver
 * is exact, event for event, whatever the consumers were doing.
 */
class AsyncLifecycleTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    record Slow(int n) {
    }

    record Fast(int n) {
    }

    /** Takes its time over each event, as real work does: 100 µs. */
    public static final class SlowListener {

        final AtomicLong received = new AtomicLong();

        public void on(Slow event) {
            LockSupport.parkNanos(100_000);
            received.incrementAndGet();
        }
    }

    public static final class FastListener {

        final AtomicLong received = new AtomicLong();

        public void on(Fast event) {
            received.incrementAndGet();
        }
    }

    private EventDispatcher dispatcher;

    @AfterEach
    void close() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.close(Duration.ZERO);
        }
    }

    private EventDispatcher start(int consumers, Object... listeners) {
        AtomicInteger threads = new AtomicInteger();
        AsyncSettings async = new AsyncSettings(32_768, consumers, new BlockingWaitStrategy(), OverflowPolicy.BLOCK,
                runnable -> {
                    Thread thread = new Thread(runnable, "lifecycle-consumer-" + threads.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { });
        List<ListenerDefinition> definitions = java.util.Arrays.stream(listeners)
                .map(target -> ListenerDefinition.of(target.getClass().getSimpleName(), target,
                        Listeners.method(target.getClass(), "on"), 0, Delivery.ASYNC))
                .toList();
        dispatcher = new EventDispatcher(definitions, DispatcherSettings.defaults().withAsync(async));
        dispatcher.start();
        return dispatcher;
    }

    @Test
    void stopDrainsAndRefusesStartResumesCloseIsFinal() throws InterruptedException {
        FastListener fast = new FastListener();
        start(1, fast);
        for (int i = 0; i < 1000; i++) {
            dispatcher.dispatch(new Fast(i));
        }

        assertThat(dispatcher.stop(BOUND)).isZero();
        assertThat(fast.received).hasValue(1000);
        assertThatThrownBy(() -> dispatcher.dispatch(new Fast(-1))).isInstanceOf(PublisherClosedException.class)
                .hasMessage("Asynchronous delivery is stopped until the application is started again: event of type "
                        + Fast.class.getName() + " refused");

        dispatcher.start();
        for (int i = 0; i < 1000; i++) {
            dispatcher.dispatch(new Fast(i));
        }
        await().atMost(BOUND).untilAsserted(() -> assertThat(fast.received).hasValue(2000));

        assertThat(dispatcher.close(BOUND)).isZero();
        dispatcher.start();
        assertThatThrownBy(() -> dispatcher.dispatch(new Fast(-1))).isInstanceOf(PublisherClosedException.class)
                .hasMessage("Asynchronous delivery is shut down: event of type " + Fast.class.getName() + " refused");
    }

    @Test
    void whatAStopCouldNotDeliverIsCountedExactlyAndDeliveredOnRestart() throws InterruptedException {
        SlowListener slow = new SlowListener();
        FastListener fast = new FastListener();
        start(2, slow, fast); // slow on consumer 0, fast on consumer 1
        int events = 10_000;
        for (int i = 0; i < events; i++) {
            dispatcher.dispatch(new Slow(i));
            dispatcher.dispatch(new Fast(i));
        }

        long undelivered = dispatcher.stop(Duration.ofMillis(200));

        // Only slow events can be left: the fast consumer drained its share, the slow one could not.
        assertThat(fast.received).hasValue(events);
        assertThat(undelivered).isPositive().isEqualTo(events - slow.received.get());

        dispatcher.start();
        await().atMost(BOUND).untilAsserted(() -> assertThat(slow.received).hasValue(events));
        assertThat(dispatcher.stop(BOUND)).isZero();
    }
}
