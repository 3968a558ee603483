package io.zerogc.events.autoconfigure.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.ring.RingConsumer;
import io.zerogc.events.support.AllocationMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * What carrying the publisher's trace costs, with Boot's tracing auto-configuration (Brave) as it comes:
 * nothing on the publishing thread (the slot keeps a reference to the observation that is already
 * current), and on the consumer thread the scope a restore opens and closes, within the figure the
 * README states: per event when each event is a batch of its own, per batch when a batch's events are of
 * one trace.
 */
class PropagatedContextAllocationTest {

    private static final int ROUND = 10_000;
    private static final int MAX_ROUNDS = 60;
    /**
     * The README's figures: bytes a consumer allocates per restore of a carried trace, 256-288 with
     * escape analysis (the JIT's default; 255 B in most runs, 288 B in one JDK 25 run, as the JIT made
     * more or less of Brave's scope), 400 without; the bound leaves that spread room, no more.
     */
    static final long CONSUMER_BYTES_PER_RESTORE = java.lang.management.ManagementFactory.getRuntimeMXBean()
            .getInputArguments().contains("-XX:-DoEscapeAnalysis") ? 400 : 320;

    /** A mutable event, so that publishing allocates nothing of its own. */
    public static final class Tick {
        long sequence;
    }

    /** Counts ticks, and those that arrived with the trace in the MDC (a look-up that allocates nothing). */
    static class Counting {

        volatile long seen;
        volatile long traced;

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void on(Tick tick) {
            if (MDC.get("traceId") != null) {
                traced++;
            }
            seen++;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Counting.class)
    static class App {
    }

    @Test
    void eachEventABatchOfItsOwnCostsTheConsumerOneRestoreAndThePublisherNothing() {
        measure(true);
    }

    @Test
    void aBatchOfOneTracesEventsCostsTheConsumerOneRestoreAndThePublisherNothing() {
        measure(false);
    }

    /**
     * @param oneAtATime publish each event once the one before was delivered, so each is a batch of its own
     *     (the dearest case, one restore per event); else back to back, so batches hold many
     */
    private static void measure(boolean oneAtATime) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).properties("spring.main.banner-mode=off",
                        "management.tracing.sampling.probability=1.0", "zerogc.events.async.enabled=true",
                        "zerogc.events.async.propagate-context=true").run()) {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Counting counting = context.getBean(Counting.class);
            RingConsumer ringConsumer = ((DispatchingEventPublisher) publisher).dispatcher().consumers().get(0);
            Thread consumer = ringConsumer.thread();
            Observation request = Observation.start("request", context.getBean(ObservationRegistry.class));
            Tick tick = new Tick();
            long published = 0;
            long publisherBytes = -1;
            long consumerBytes = -1;
            long batches = -1;
            Observation.Scope scope = request.openScope();
            try {
                int clean = 0;
                for (int round = 1; round <= MAX_ROUNDS && clean < 3; round++) {
                    long consumerStart = AllocationMeter.allocatedBy(consumer);
                    long batchesStart = ringConsumer.batches();
                    long start = AllocationMeter.start();
                    for (int i = 0; i < ROUND; i++) {
                        tick.sequence++;
                        publisher.publish(tick);
                        if (oneAtATime) {
                            long target = published + i + 1;
                            while (ringConsumer.sequence() != target) { // moves at the batch's end
                                Thread.onSpinWait();
                            }
                        }
                    }
                    publisherBytes = AllocationMeter.bytesSince(start);
                    published += ROUND;
                    long target = published;
                    await().atMost(Duration.ofSeconds(30)).until(() -> counting.seen == target);
                    await().atMost(Duration.ofSeconds(30)).until(() -> ringConsumer.sequence() == target);
                    consumerBytes = AllocationMeter.allocatedBy(consumer) - consumerStart;
                    batches = ringConsumer.batches() - batchesStart;
                    clean = publisherBytes == 0 && consumerBytes <= CONSUMER_BYTES_PER_RESTORE * batches ? clean + 1 : 0;
                }
            }
            finally {
                scope.close();
                request.stop();
            }
            System.out.printf("propagated context (%s): publisher %d B, consumer %.1f B per event, %,d batches"
                    + " of %,d events%n", oneAtATime ? "one at a time" : "back to back", publisherBytes,
                    (double) consumerBytes / ROUND, batches, ROUND);
            assertThat(counting.traced).as("every tick arrived in the publisher's trace").isEqualTo(published);
            assertThat(publisherBytes).as("bytes allocated by the publishing thread over %,d events", ROUND).isZero();
            if (oneAtATime) {
                // Every event a batch of its own: the next is published once the consumer's batch has ended.
                assertThat(batches).as("batches for %,d events published one at a time", ROUND)
                        .isGreaterThan(ROUND * 9L / 10);
            }
            else {
                assertThat(batches).as("batches for %,d events published back to back", ROUND).isLessThan(ROUND / 2);
            }
            assertThat(consumerBytes).as("bytes allocated by the consumer thread over %,d batches", batches)
                    .isLessThanOrEqualTo(CONSUMER_BYTES_PER_RESTORE * batches);
        }
    }
}
