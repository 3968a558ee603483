package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.BatchStart;
import io.zerogc.events.Delivery;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.ZeroGcListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Batch-aware listeners through the starter: discovered on beans, with pooled events and a bounded batch,
 * and a bad {@code max-batch} refused at startup naming the property.
 */
class BatchAwareAutoConfigurationTest {

    public static class Fill extends PooledEvent {

        long quantity;

        @Override
        protected void reset() {
            quantity = 0;
        }
    }

    /** Buffers the quantities of a batch and writes them out at its end. */
    static class Ledger implements BatchStart {

        final List<List<Long>> flushed = new CopyOnWriteArrayList<>();
        final List<Integer> announced = new CopyOnWriteArrayList<>();
        private List<Long> buffer = new java.util.ArrayList<>();

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void book(Fill fill, boolean endOfBatch) {
            buffer.add(fill.quantity); // copied out: the pooled event is valid during this call only
            if (endOfBatch) {
                flushed.add(List.copyOf(buffer));
                buffer = new java.util.ArrayList<>();
            }
        }

        @Override
        public void onBatchStart(int events, long queueDepth) {
            announced.add(events);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));

    @Test
    void aDiscoveredBatchAwareListenerFlushesEveryPooledEventOnceInBatchesOfAtMostMaxBatch() {
        runner.withBean(Ledger.class).withPropertyValues("zerogc.events.async.enabled=true",
                "zerogc.events.async.max-batch=32", "zerogc.events.pool.enabled=true", "zerogc.events.pool.size=4096")
                .run(context -> {
                    DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
                    for (long i = 1; i <= 1_000; i++) {
                        Fill fill = publisher.borrow(Fill.class);
                        fill.quantity = i;
                        publisher.publish(fill);
                    }
                    assertThat(publisher.awaitDelivery(Duration.ofSeconds(10))).isTrue();

                    Ledger ledger = context.getBean(Ledger.class);
                    assertThat(ledger.flushed.stream().flatMap(List::stream))
                            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 1_000).boxed().toList());
                    assertThat(ledger.flushed).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 32));
                    assertThat(ledger.announced).containsExactlyElementsOf(ledger.flushed.stream().map(List::size)
                            .toList());
                    assertThat(publisher.pools().statistics().get(0).borrowed()).isZero();
                });
    }

    @Test
    void aMaxBatchBelowOneIsRefusedNamingTheProperty() {
        runner.withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.max-batch=0").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.async.max-batch").hasMessageContaining("'0'")
                        .hasMessageContaining("A batch holds at least one event."));
    }
}
