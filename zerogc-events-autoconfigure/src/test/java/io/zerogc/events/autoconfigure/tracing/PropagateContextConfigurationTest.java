package io.zerogc.events.autoconfigure.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code zerogc.events.async.propagate-context} without a tracer: the application's own
 * {@code ObservationRegistry} is what is carried, and its absence fails startup naming the property.
 */
class PropagateContextConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.propagate-context=true");

    /** Notes the observation current on its consumer thread. */
    static class Noting {

        final List<String> current = new CopyOnWriteArrayList<>();
        private final ObservationRegistry registry;

        Noting(ObservationRegistry registry) {
            this.registry = registry;
        }

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void on(String event) {
            Observation observation = registry.getCurrentObservation();
            current.add(event + "=" + (observation == null ? "none" : observation.getContext().getName()));
        }
    }

    @Test
    void withoutAnObservationRegistryStartupFailsNamingTheProperty() {
        runner.run(context -> assertThat(context).getFailure()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("zerogc.events.async.propagate-context")
                .hasMessageContaining("needs one ObservationRegistry bean").hasMessageContaining("there is none"));
    }

    @Test
    void theObservationCurrentAtPublishIsCurrentAroundTheListenerAndNotAfter() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        runner.withBean(ObservationRegistry.class, () -> registry).withBean(Noting.class).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Observation.createNotStarted("checkout", registry).observe(() -> publisher.publish("inside"));
            publisher.publish("outside");
            assertThat(publisher.awaitDelivery(Duration.ofSeconds(30))).isTrue();
            assertThat(context.getBean(Noting.class).current).containsExactly("inside=checkout", "outside=none");
        });
    }

    /** Counts the scopes opened and closed, by thread. */
    static final class Scopes implements ObservationHandler<Observation.Context> {

        final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
        final AtomicInteger open = new AtomicInteger();

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onScopeOpened(Observation.Context context) {
            opened.computeIfAbsent(Thread.currentThread().getName(), t -> new AtomicInteger()).incrementAndGet();
            open.incrementAndGet();
        }

        @Override
        public void onScopeClosed(Observation.Context context) {
            open.decrementAndGet();
        }
    }

    @Test
    void onlyAConsumerWithAListenerOfTheEventOpensAScopeAndNoneStaysOpenOnceDelivered() {
        ObservationRegistry registry = ObservationRegistry.create();
        Scopes scopes = new Scopes();
        registry.observationConfig().observationHandler(scopes);
        runner.withPropertyValues("zerogc.events.async.consumers=3").withBean(ObservationRegistry.class, () -> registry)
                .withBean(Noting.class).run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    Observation.createNotStarted("checkout", registry).observe(() -> {
                        for (int i = 0; i < 10; i++) {
                            publisher.publish("inside-" + i);
                        }
                    });
                    assertThat(publisher.awaitDelivery(Duration.ofSeconds(30))).isTrue();
                    assertThat(context.getBean(Noting.class).current).hasSize(10).allMatch(s -> s.endsWith("=checkout"));
                    // observe() opened one on the publisher; the listener's consumer one per batch at most;
                    // the two other consumers none
                    assertThat(scopes.opened).hasSize(2);
                    assertThat(scopes.opened.remove(Thread.currentThread().getName())).hasValue(1);
                    assertThat(scopes.opened.values()).singleElement()
                            .satisfies(consumer -> assertThat(consumer.get()).isBetween(1, 10));
                    assertThat(scopes.open).as("scopes open once the consumers are idle").hasValue(0);
                });
    }

    @Test
    void eventsOfDifferentObservationsInOneBatchEachRunInTheirOwn() {
        ObservationRegistry registry = ObservationRegistry.create();
        Scopes scopes = new Scopes();
        registry.observationConfig().observationHandler(scopes);
        runner.withPropertyValues("zerogc.events.async.wait-strategy=sleeping")
                .withBean(ObservationRegistry.class, () -> registry).withBean(Noting.class).run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    Observation first = Observation.start("first", registry);
                    Observation second = Observation.start("second", registry);
                    for (int round = 0; round < 3; round++) {
                        int r = round;
                        first.scoped(() -> publisher.publish("a" + r));
                        first.scoped(() -> publisher.publish("b" + r));
                        second.scoped(() -> publisher.publish("c" + r));
                        publisher.publish("d" + r);
                        first.scoped(() -> publisher.publish("e" + r));
                    }
                    assertThat(publisher.awaitDelivery(Duration.ofSeconds(30))).isTrue();
                    List<String> expected = new java.util.ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        expected.addAll(List.of("a" + round + "=first", "b" + round + "=first",
                                "c" + round + "=second", "d" + round + "=none", "e" + round + "=first"));
                    }
                    assertThat(context.getBean(Noting.class).current).isEqualTo(expected);
                    assertThat(scopes.open).as("scopes open once the consumer is idle").hasValue(0);
                    first.stop();
                    second.stop();
                });
    }
}
