package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Threads that published (owning a type's count or a stripe) or borrowed (owning a pool's stash) and then
 * ended are not kept reachable by that bookkeeping, with no statistics read to free them: a thread keeps
 * its context class loader, and an application that makes threads per task would keep them all.
 */
class EndedThreadsTest {

    record Ping(int n) {
    }

    /** A pooled event. */
    public static class Quote extends PooledEvent {

        @Override
        protected void reset() {
        }
    }

    static class Listeners {

        @ZeroGcListener
        public void on(Ping ping) {
        }

        @ZeroGcListener
        public void on(Quote quote) {
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class)).withBean(Listeners.class)
            .withPropertyValues("zerogc.events.pool.enabled=true");

    @Test
    void endedPublishingAndBorrowingThreadsAreCollectedWithoutAStatisticsRead() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            List<WeakReference<Thread>> ended = new ArrayList<>();
            for (int t = 0; t < 4; t++) { // the first owns Ping's count, the others own stripes
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        publisher.publish(new Ping(i));
                        publisher.publish(publisher.borrow(Quote.class));
                    }
                }, "ended-" + t);
                thread.start();
                thread.join(10_000);
                assertThat(thread.isAlive()).isFalse();
                ended.add(new WeakReference<>(thread));
            }

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                System.gc();
                return ended.stream().allMatch(reference -> reference.get() == null);
            });
        });
    }
}
