package io.zerogc.events.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.support.AllocationMeter;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * With externalization to a real broker on, the publishing thread still allocates nothing: the relay
 * serializes and sends on a ring consumer thread. Surefire also runs it with
 * {@code -XX:-DoEscapeAnalysis}.
 */
class KafkaExternalizationAllocationTest {

    private static final int WARM_UP_ROUND = 10_000;
    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int MEASURED = 100_000;
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "ticks");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void publishingAPooledEventThatIsSentToKafkaAllocatesNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                        ZeroGcEventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "spring.kafka.producer.properties.linger.ms=5",
                        "zerogc.events.async.enabled=true",
                        "zerogc.events.pool.enabled=true",
                        "zerogc.events.kafka.enabled=true",
                        // Bursts faster than the producer: its buffer full, the relays wait for room, nothing dropped.
                        "zerogc.events.kafka.outbound-overflow=block",
                        "zerogc.events.kafka.outbound-block-timeout=30s",
                        "zerogc.events.kafka.outbound[" + PriceTick.class.getName() + "].topic=ticks",
                        "zerogc.events.kafka.outbound[" + PriceTick.class.getName() + "].key=#{symbol}")
                .run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    long published = warmUp(publisher);

                    long bytes = Long.MAX_VALUE;
                    int windows = 0;
                    // A window may see one-off JIT events: here the relay falls behind now and then, so the
                    // publisher first takes the ring's and the pool's waiting paths late, and the deoptimisation
                    // that follows rematerialises a few scalar-replaced objects (about 1 KB, seen once). A
                    // per-event allocation would cost at least 16 B x 100,000 = 1.6 MB per window. So: up to
                    // five windows, none over 64 KB, and one must allocate nothing at all.
                    while (bytes != 0 && windows < 5) {
                        long start = AllocationMeter.start();
                        published = publishMany(publisher, published, MEASURED);
                        bytes = AllocationMeter.bytesSince(start);
                        windows++;
                        assertThat(bytes).as("bytes allocated publishing %,d externalized events", MEASURED)
                                .isLessThan(64 * 1024);
                    }
                    assertThat(bytes).as("bytes allocated publishing %,d externalized events", MEASURED).isZero();

                    long total = published;
                    KafkaOutbound outbound = context.getBean(KafkaOutbound.class);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> outbound.statistics().get(0).externalized() == total);
                    assertThat(outbound.statistics().get(0).externalizeFailed()).isZero();
                });
    }

    /**
     * Publishes in rounds until three rounds in a row allocate nothing: until then the JIT is still
     * compiling (with the relay and the producer busy on the other core, it takes longer than alone).
     *
     * @return how many events the warm-up published
     */
    private static long warmUp(ZeroGcEventPublisher publisher) {
        long published = 0;
        int clean = 0;
        for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
            long start = AllocationMeter.start();
            published = publishMany(publisher, published, WARM_UP_ROUND);
            clean = AllocationMeter.bytesSince(start) == 0 ? clean + 1 : 0;
            if (clean == 3) {
                return published;
            }
        }
        throw new AssertionError("publishing still allocates after " + published + " warm-up events");
    }

    /** Borrows, fills and publishes: no lambda, no boxing, nothing the test itself would allocate. */
    private static long publishMany(ZeroGcEventPublisher publisher, long from, int count) {
        for (long seq = from; seq < from + count; seq++) {
            PriceTick tick = publisher.borrow(PriceTick.class);
            PriceTick.fill(tick, "ACME", seq);
            publisher.publish(tick);
        }
        return from + count;
    }
}
