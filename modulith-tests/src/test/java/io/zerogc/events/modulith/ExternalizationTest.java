package io.zerogc.events.modulith;

import static io.zerogc.events.modulith.RegistryApplications.incomplete;
import static io.zerogc.events.modulith.RegistryApplications.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.ZeroGcEventPublisher;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Modulith's externalization and the starter's Kafka relay side by side: Modulith's gets the
 * {@code @Externalized} events published through the starter, through its registry; a type both would
 * send is a startup error. No broker runs: nothing here needs one to be reached.
 */
class ExternalizationTest {

    /** A broker that is not there, and a producer that gives up on it quickly. */
    private static final String[] NO_BROKER = {"spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.producer.properties.max.block.ms=200"};

    @Test
    void anExternalizedEventPublishedWithTheZeroGcPublisherIsRecordedForModulithsExternalizer() {
        try (ConfigurableApplicationContext context = start(true, "externalized", NO_BROKER)) {
            context.getBean(TransactionTemplate.class).executeWithoutResult(
                    status -> context.getBean(ZeroGcEventPublisher.class).publish(new OrderShipped(9)));

            // Its publication is the registry's: recorded in the transaction, incomplete while no broker takes it.
            await().atMost(Duration.ofSeconds(20)).until(() -> incomplete(context) == 1);
            assertThat(context.getBean(EventPublicationRegistry.class).findIncompletePublications())
                    .singleElement().satisfies(publication -> {
                        assertThat(publication.getEvent()).isEqualTo(new OrderShipped(9));
                        assertThat(publication.getTargetIdentifier().getValue()).contains("externalize");
                    });
        }
    }

    @Test
    void aTypeBothWouldSendIsAStartupErrorNamingIt() {
        assertThatException().isThrownBy(() -> start(true, "twice", "zerogc.events.async.enabled=true",
                "zerogc.events.kafka.enabled=true", NO_BROKER[0], NO_BROKER[1]).close())
                .havingRootCause()
                .withMessageContaining("Externalized twice: [" + OrderShipped.class.getName() + "]")
                .withMessageContaining("spring.modulith.events.externalization.enabled=false");
    }

    @Test
    void withModulithsExternalizationOffTheRelayTakesTheType() {
        try (ConfigurableApplicationContext context = start(true, "relay-only", "zerogc.events.async.enabled=true",
                "zerogc.events.kafka.enabled=true", "spring.modulith.events.externalization.enabled=false",
                NO_BROKER[0], NO_BROKER[1])) {
            assertThat(context.getBeanNamesForType(
                    org.springframework.modulith.events.support.DelegatingEventExternalizer.class)).isEmpty();
            assertThat(context.getBean(io.zerogc.events.autoconfigure.kafka.KafkaStatisticsSource.class).kafkaStatistics()
                    .outbound()).singleElement().satisfies(outbound -> {
                        assertThat(outbound.type()).isEqualTo(OrderShipped.class.getName());
                        assertThat(outbound.topic()).isEqualTo("shipments");
                    });
        }
    }
}
