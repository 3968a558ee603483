package io.zerogc.events.autoconfigure.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code zerogc.events.observation.enabled}: the listener calls of the sampled events, and only those, are
 * observations named {@code zerogc.events.listener}, tagged with type and listener, children of the
 * observation current where the call runs, with the listener's failure as their error.
 */
class ListenerObservationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String NAME = "zerogc.events.listener";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.observation.enabled=true",
                    "zerogc.events.stats.latency.enabled=true", "zerogc.events.stats.latency.sample-every=4");

    /** An event. */
    public record Priced(int seq) {
    }

    /** One listener of each delivery; the asynchronous one fails on every tenth event. */
    static class Listeners {

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void now(Priced event) {
        }

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void later(Priced event) {
            if (event.seq() % 10 == 0) {
                throw new IllegalStateException("refused " + event.seq());
            }
        }
    }

    /** A stopped observation as the handler saw it. */
    record Stopped(String name, Map<String, String> tags, String parent, Throwable error, String thread) {
    }

    /** Records every observation as it stops. */
    static final class Recording implements ObservationHandler<Observation.Context> {

        final List<Stopped> stopped = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStop(Observation.Context context) {
            Map<String, String> tags = context.getLowCardinalityKeyValues().stream()
                    .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
            stopped.add(new Stopped(context.getName(), tags, context.getParentObservation() == null ? null
                    : context.getParentObservation().getContextView().getName(), context.getError(),
                    Thread.currentThread().getName()));
        }

        List<Stopped> listenerCalls(String listener) {
            return stopped.stream().filter(s -> s.name().equals(NAME) && s.tags().get("listener").equals(listener))
                    .toList();
        }
    }

    private static ObservationRegistry registry(Recording recording) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(recording);
        return registry;
    }

    @Test
    void eachListenerCallOfASampledEventIsAnObservationInTheCurrentOne() {
        Recording recording = new Recording();
        ObservationRegistry registry = registry(recording);
        runner.withPropertyValues("zerogc.events.async.propagate-context=true")
                .withBean(ObservationRegistry.class, () -> registry).withBean(Listeners.class).run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    Observation.createNotStarted("checkout", registry).observe(() -> {
                        for (int seq = 1; seq <= 100; seq++) {
                            publisher.publish(new Priced(seq));
                        }
                    });
                    assertThat(publisher.awaitDelivery(BOUND)).isTrue();

                    // One event in four, per dispatcher: 25 calls of each listener observed, not 100.
                    List<Stopped> sync = recording.listenerCalls("Listeners.now(Priced)");
                    List<Stopped> async = recording.listenerCalls("Listeners.later(Priced)");
                    assertThat(sync).hasSize(25).allSatisfy(call -> {
                        assertThat(call.tags()).containsEntry("type", Priced.class.getName());
                        assertThat(call.parent()).isEqualTo("checkout");
                        assertThat(call.thread()).isEqualTo(Thread.currentThread().getName());
                        assertThat(call.error()).isNull();
                    });
                    assertThat(async).hasSize(25).allSatisfy(call -> {
                        assertThat(call.tags()).containsEntry("type", Priced.class.getName());
                        assertThat(call.parent()).isEqualTo("checkout"); // carried to the consumer
                        assertThat(call.thread()).startsWith("zerogc-events-");
                    });
                    // Sampled: events 4, 8, ..., 100 on the consumer; those of them a multiple of 10 failed.
                    assertThat(async).filteredOn(call -> call.error() != null).hasSize(5)
                            .allSatisfy(call -> assertThat(call.error()).hasMessageStartingWith("refused "));
                });
    }

    @Test
    void withoutTheCarriedContextAnAsynchronousCallIsAnObservationOfItsOwn() {
        Recording recording = new Recording();
        ObservationRegistry registry = registry(recording);
        runner.withBean(ObservationRegistry.class, () -> registry).withBean(Listeners.class).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Observation.createNotStarted("checkout", registry).observe(() -> {
                for (int seq = 1; seq <= 8; seq++) {
                    publisher.publish(new Priced(seq));
                }
            });
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();
            assertThat(recording.listenerCalls("Listeners.now(Priced)")).hasSize(2)
                    .allSatisfy(call -> assertThat(call.parent()).isEqualTo("checkout"));
            assertThat(recording.listenerCalls("Listeners.later(Priced)")).hasSize(2)
                    .allSatisfy(call -> assertThat(call.parent()).isNull());
        });
    }

    @Test
    void offNoCallIsObserved() {
        Recording recording = new Recording();
        ObservationRegistry registry = registry(recording);
        runner.withPropertyValues("zerogc.events.observation.enabled=false")
                .withBean(ObservationRegistry.class, () -> registry).withBean(Listeners.class).run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    for (int seq = 1; seq <= 8; seq++) {
                        publisher.publish(new Priced(seq));
                    }
                    assertThat(publisher.awaitDelivery(BOUND)).isTrue();
                    assertThat(recording.stopped).isEmpty();
                });
    }

    @Test
    void withLatencySamplingOffStartupFailsNamingBothProperties() {
        runner.withPropertyValues("zerogc.events.stats.latency.enabled=false")
                .withBean(ObservationRegistry.class, ObservationRegistry::create).run(context -> assertThat(context)
                        .getFailure().hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("zerogc.events.observation.enabled")
                        .hasMessageContaining("set zerogc.events.stats.latency.enabled=true as well"));
    }

    @Test
    void withoutAnObservationRegistryStartupFailsNamingTheProperty() {
        runner.run(context -> assertThat(context).getFailure()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("zerogc.events.observation.enabled")
                .hasMessageContaining("Observing listener calls needs one ObservationRegistry bean"));
    }
}
