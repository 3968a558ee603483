package io.zerogc.events.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The broker stops mid-stream: what was sent before is acknowledged, what follows fails after the
 * producer's delivery timeout, and what is still waiting at shutdown is failed within the shutdown
 * timeout; every event is counted as exactly one of those, and failures are logged with type and topic.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaBrokerDownIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    /** A broker per test: each test stops it. */
    private final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "orders");
    private boolean brokerUp;

    @AfterEach
    void stopBroker() {
        if (brokerUp) {
            broker.destroy();
        }
    }

    private ApplicationContextRunner instance() {
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
        brokerUp = true;
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                        ZeroGcEventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class))
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "spring.kafka.producer.properties.request.timeout.ms=1000",
                        "spring.kafka.producer.properties.delivery.timeout.ms=3000",
                        "spring.kafka.producer.properties.max.block.ms=1000",
                        // Keep the stopped broker's metadata: records then wait with the producer (and fail on the
                        // delivery timeout or at close) rather than block the relay on a metadata fetch.
                        "spring.kafka.producer.properties.metadata.recovery.strategy=none",
                        "zerogc.events.async.enabled=true",
                        "zerogc.events.async.shutdown-timeout=1s",
                        "zerogc.events.kafka.enabled=true",
                        "zerogc.events.kafka.outbound[" + OrderPlaced.class.getName() + "].topic=orders");
    }

    /** Fifty events the broker acknowledges, then the broker stops. */
    private void sendFiftyThenStopTheBroker(ZeroGcEventPublisher publisher, KafkaOutbound outbound) {
        for (int i = 0; i < 50; i++) {
            publisher.publish(new OrderPlaced("up", i));
        }
        await().atMost(BOUND).until(() -> only(outbound).externalized() == 50);
        broker.destroy();
        brokerUp = false;
    }

    @Test
    void eventsAfterTheBrokerStopsFailAfterTheDeliveryTimeoutCountedAndLogged(CapturedOutput output) {
        instance().run(context -> {
            KafkaOutbound outbound = context.getBean(KafkaOutbound.class);
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            sendFiftyThenStopTheBroker(publisher, outbound);

            for (int i = 0; i < 20; i++) {
                publisher.publish(new OrderPlaced("down", i));
            }

            await().atMost(BOUND).until(() -> only(outbound).externalizeFailed() == 20);
            assertThat(only(outbound)).extracting(KafkaStatistics.Outbound::externalized,
                    KafkaStatistics.Outbound::pending).containsExactly(50L, 0L);
            assertThat(output).contains("Could not send " + OrderPlaced.class.getName()
                    + " to Kafka topic 'orders'").contains("ms has passed since batch creation");
        });
    }

    @Test
    void eventsStillWithTheProducerAtShutdownAreFailedWithinTheTimeoutAndReported(CapturedOutput output) {
        AtomicReference<KafkaOutbound> outbound = new AtomicReference<>();
        instance().run(context -> {
            outbound.set(context.getBean(KafkaOutbound.class));
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            sendFiftyThenStopTheBroker(publisher, outbound.get());

            for (int i = 0; i < 10; i++) {
                publisher.publish(new OrderPlaced("closing", i));
            }
            // and the context closes at once, well within the producer's delivery timeout
        });

        assertThat(only(outbound.get())).extracting(KafkaStatistics.Outbound::externalized,
                KafkaStatistics.Outbound::externalizeFailed, KafkaStatistics.Outbound::pending)
                .containsExactly(50L, 10L, 0L);
        assertThat(output).contains("10 of 10 " + OrderPlaced.class.getName()
                + " events awaiting Kafka topic 'orders' were not sent within"
                + " zerogc.events.async.shutdown-timeout=PT1S").contains("the application is closing, they are lost");
    }

    private static KafkaStatistics.Outbound only(KafkaOutbound outbound) {
        assertThat(outbound.statistics()).hasSize(1);
        return outbound.statistics().get(0);
    }
}
