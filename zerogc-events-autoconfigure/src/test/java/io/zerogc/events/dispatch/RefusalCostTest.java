package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.PoolExhaustedException;
import io.zerogc.events.RingFullException;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.pool.ExhaustedPolicy;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Refusing at peak load stays cheap: no stack trace, and a few dozen bytes per refusal rather than the
 * kilobytes a filled-in stack trace costs.
 */
class RefusalCostTest {

    private static final int REFUSALS = 100_000;

    record Tick(int n) {
    }

    public static final class Stuck {

        final CountDownLatch release = new CountDownLatch(1);

        public void on(Tick tick) throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
        }
    }

    public static final class Pooled extends io.zerogc.events.PooledEvent {

        @Override
        protected void reset() {
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aFullRingRefusesWithoutAStackTrace() throws InterruptedException {
        Stuck stuck = new Stuck();
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("stuck", stuck,
                Listeners.method(Stuck.class, "on"), 0, Delivery.ASYNC)),
                DispatcherSettings.defaults().withAsync(new AsyncSettings(2, 1, new BlockingWaitStrategy(),
                        OverflowPolicy.FAIL, runnable -> {
                            Thread thread = new Thread(runnable, "stuck-consumer");
                            thread.setDaemon(true);
                            return thread;
                        }, (error, event, listener) -> { })));
        dispatcher.start();
        try {
            Tick tick = new Tick(0);
            RingFullException last = null;
            long before = 0;
            for (int i = 0; i < 2 * REFUSALS; i++) {
                if (i == REFUSALS) {
                    before = THREADS.getCurrentThreadAllocatedBytes(); // after a warm-up of as many refusals
                }
                try {
                    dispatcher.dispatch(tick);
                }
                catch (RingFullException ex) {
                    last = ex;
                }
            }
            long perRefusal = (THREADS.getCurrentThreadAllocatedBytes() - before) / REFUSALS;

            assertThat(last).isNotNull();
            assertThat(last.getStackTrace()).isEmpty();
            assertThat(last.getMessage()).isEqualTo("Ring full: all 2 slots are taken, event of type "
                    + Tick.class.getName() + " refused (overflow policy: fail)");
            assertThat(perRefusal).isLessThan(100);
        }
        finally {
            stuck.release.countDown();
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void anExhaustedPoolRefusesWithoutAStackTrace() {
        EventPool<Pooled> pool = new EventPool<>(Pooled.class, 1, ExhaustedPolicy.FAIL, false);
        pool.borrow();
        PoolExhaustedException last = null;
        long before = 0;
        for (int i = 0; i < 2 * REFUSALS; i++) {
            if (i == REFUSALS) {
                before = THREADS.getCurrentThreadAllocatedBytes();
            }
            try {
                pool.borrow();
            }
            catch (PoolExhaustedException ex) {
                last = ex;
            }
        }
        long perRefusal = (THREADS.getCurrentThreadAllocatedBytes() - before) / REFUSALS;

        assertThat(last).isNotNull();
        assertThat(last.getStackTrace()).isEmpty();
        assertThat(perRefusal).isLessThan(100);
    }
}
