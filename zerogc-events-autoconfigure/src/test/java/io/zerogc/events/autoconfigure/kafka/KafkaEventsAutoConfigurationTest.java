package io.zerogc.events.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.dispatch.CompiledListener;
import io.zerogc.events.dispatch.ListenerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * When the Kafka integration is on, and how it reports bad configuration: at startup, naming the
 * property or class. No broker is needed: nothing here sends or receives.
 */
class KafkaEventsAutoConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class App {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                    ZeroGcEventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class))
            .withUserConfiguration(App.class)
            .withPropertyValues("spring.kafka.bootstrap-servers=localhost:9", "zerogc.events.async.enabled=true");

    private static final String CANCELLED = "zerogc.events.kafka.outbound[" + OrderCancelled.class.getName() + "]";

    @Test
    void offUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaOutbound.class)
                .doesNotHaveBean(KafkaStatisticsSource.class));
    }

    @Test
    void enabledWithoutSpringKafkaOnTheClassPathFailsStartupSayingWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
                .withPropertyValues("zerogc.events.kafka.enabled=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.kafka.enabled")
                        .hasMessageContaining("spring-boot-starter-kafka"));
    }

    @Test
    void withoutSpringKafkaOnTheClassPathAndNotEnabledTheStarterStarts() {
        runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaOutbound.class));
    }

    @Test
    void externalizedTypesComeFromModulithsAnnotationAndFromPropertiesEachARelayOfItsType() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", CANCELLED + ".topic=cancellations")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DispatchingEventPublisher.class).dispatcher().listeners().stream()
                            .map(CompiledListener::definition).filter(ListenerDefinition::relay).toList())
                            .extracting(ListenerDefinition::eventType, ListenerDefinition::beanName,
                                    ListenerDefinition::relay)
                            .containsExactlyInAnyOrder(
                                    org.assertj.core.groups.Tuple.tuple(OrderPlaced.class, "kafka:orders", true),
                                    org.assertj.core.groups.Tuple.tuple(OrderCancelled.class, "kafka:cancellations",
                                            true));
                });
    }

    @Test
    void aPropertyOverridesTheAnnotationsTopic() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true",
                "zerogc.events.kafka.outbound[" + OrderPlaced.class.getName() + "].topic=orders-v2")
                .run(context -> assertThat(context.getBean(KafkaOutbound.class).statistics())
                        .extracting(KafkaStatistics.Outbound::topic).containsExactly("orders-v2"));
    }

    @Test
    void enabledWithoutAsynchronousDeliveryFailsNamingBothSwitches() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", "zerogc.events.async.enabled=false")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.kafka.enabled")
                        .hasMessageContaining("set zerogc.events.async.enabled=true"));
    }

    @Test
    void anOutboundKeyThatIsNoClassFailsNamingThePropertyAndTheBrackets() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true",
                "zerogc.events.kafka.outbound[com.acme.Nope].topic=nope")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.kafka.outbound[com.acme.Nope]")
                        .hasMessageContaining("No class 'com.acme.Nope'")
                        .hasMessageContaining("in brackets"));
    }

    @Test
    void anOutboundTypeWithoutTopicFailsNamingTheProperty() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", CANCELLED + ".key=#{orderId}")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining(CANCELLED + ".topic")
                        .hasMessageContaining("needs the topic"));
    }

    @Test
    void anInvalidKeyExpressionFailsNamingTheTypeAndWhereItCameFrom() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", CANCELLED + ".topic=cancellations",
                CANCELLED + ".key=#{orderId(}")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining("The Kafka key '#{orderId(}' of "
                        + OrderCancelled.class.getName() + " (from " + CANCELLED + ") is not a valid expression"));
    }

    @Test
    void aKeyReadingWhatTheTypeDoesNotHaveFailsStartupNamingIt() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", CANCELLED + ".topic=cancellations",
                CANCELLED + ".key=#{customerId}")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining("The Kafka key"
                        + " '#{customerId}' of " + OrderCancelled.class.getName() + " (from " + CANCELLED
                        + ") reads property customerId, which " + OrderCancelled.class.getName()
                        + " does not have"));
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", CANCELLED + ".topic=cancellations",
                CANCELLED + ".key=#{orderId.toUpperCase()}-#{reason()}", "zerogc.events.kafka.outbound-buffer=8")
                .run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", "zerogc.events.kafka.outbound-buffer=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.kafka.outbound-buffer"));
    }

    @Test
    void aPooledInboundTypeFailsSayingWhatToReceiveInstead() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true",
                "zerogc.events.kafka.inbound.ticks=" + PriceTick.class.getName())
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.kafka.inbound.ticks")
                        .hasMessageContaining("pooled container PriceTick"));
    }

    @Test
    void anInboundTypeThatIsNoClassFailsNamingTheProperty() {
        runner.withPropertyValues("zerogc.events.kafka.enabled=true", "zerogc.events.kafka.inbound.orders=com.acme.Nope")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("zerogc.events.kafka.inbound.orders")
                        .hasMessageContaining("No class 'com.acme.Nope'"));
    }
}
