package io.zerogc.events.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.stats.DispatchCounters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A slot claimed and then abandoned by a throw before its publish (a {@code StackOverflowError} deep in a
 * listener chain, say) is published as a skip, so consumers never stall at it.
 */
class ClaimedSlotTest {

    /** A route of one consumer that records what it delivers. */
    static final class Recording extends AsyncRoute {

        final List<Object> delivered = new CopyOnWriteArrayList<>();

        Recording(DispatchCounters counters) {
            super(0, 1, false, counters.acceptedCounter(0));
        }

        @Override
        public boolean deliversOn(int consumer) {
            return true;
        }

        @Override
        public boolean deliverOn(int consumer, Object event) {
            delivered.add(event);
            return true;
        }

        @Override
        public int[] observersOn(int consumer) {
            return new int[0];
        }
    }

    @Test
    void aThrowBetweenClaimAndPublishLeavesNoSlotThatStallsTheConsumers() throws Exception {
        DispatchCounters counters = new DispatchCounters(1, 0);
        counters.ensureTypes(1);
        AsyncDelivery delivery = new AsyncDelivery(new AsyncSettings(8, 1, new BlockingWaitStrategy(),
                OverflowPolicy.BLOCK, runnable -> {
                    Thread thread = new Thread(runnable, "claimed-slot-test-consumer");
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { }), counters, 0);
        delivery.start();
        Recording route = new Recording(counters);
        try {
            delivery.enqueue("before", route);
            // A null route makes the publisher throw after its claim, before its publish: the window a
            // StackOverflowError deep in a listener chain can hit, opened on purpose.
            assertThatThrownBy(() -> delivery.enqueue("lost", null)).isInstanceOf(NullPointerException.class);
            delivery.enqueue("after", route);

            assertThat(delivery.awaitDelivery(Duration.ofSeconds(10))).as("the consumer passed the slot").isTrue();
            assertThat(route.delivered).containsExactly("before", "after");
        }
        finally {
            delivery.close(Duration.ofSeconds(5));
        }
    }
}
