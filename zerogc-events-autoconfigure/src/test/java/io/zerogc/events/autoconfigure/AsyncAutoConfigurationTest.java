package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.PublisherClosedException;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMeterBinder;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.ring.BusySpinWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.SleepingWaitStrategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AsyncAutoConfigurationTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withBean(Listeners.class);

    record Quote(String symbol) {
    }

    static class Listeners {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @ZeroGcListener
        public void byDefault(Quote quote) {
            calls.add("default:" + quote.symbol() + "@" + Thread.currentThread().getName());
        }

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void sync(Quote quote) {
            calls.add("sync:" + quote.symbol() + "@" + Thread.currentThread().getName());
        }

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void async(Quote quote) {
            calls.add("async:" + quote.symbol() + "@" + Thread.currentThread().getName());
            if (quote.symbol().equals("BAD")) {
                throw new IllegalArgumentException("bad quote");
            }
        }
    }

    @Test
    void stoppingTheContextDrainsAndRefusesStartingItAgainResumes() {
        runner.withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Listeners listeners = context.getBean(Listeners.class);
            publisher.publish(new Quote("BEFORE"));

            context.stop(); // what CRaC's checkpoint and manual Lifecycle control do

            assertThat(listeners.calls).filteredOn(call -> call.startsWith("async:")).hasSize(1);
            assertThatThrownBy(() -> publisher.publish(new Quote("STOPPED")))
                    .isInstanceOf(PublisherClosedException.class).hasMessageContaining("stopped");

            context.start();
            publisher.publish(new Quote("AFTER"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listeners.calls)
                    .filteredOn(call -> call.startsWith("async:")).hasSize(2));
            assertThat(listeners.calls).noneMatch(call -> call.startsWith("async:STOPPED"));
        });
    }

    @Test
    void asyncIsOffByDefault() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(AsyncDeliveryLifecycle.class);
                    assertThat(context.getBean(DispatchingEventPublisher.class).dispatcher().ring()).isNull();
                });
    }

    @Test
    void defaultListenersBecomeAsynchronousOnConsumerThreads() {
        runner.withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new Quote("ACME"));
            Listeners listeners = context.getBean(Listeners.class);

            assertThat(listeners.calls).contains("sync:ACME@" + Thread.currentThread().getName());
            await().atMost(BOUND).until(() -> listeners.calls.size() == 3);
            assertThat(listeners.calls).contains("default:ACME@zerogc-events-0", "async:ACME@zerogc-events-0");
        });
    }

    @Test
    void propertiesConfigureTheRing() {
        runner.withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.ring-size=256",
                "zerogc.events.async.wait-strategy=busy-spin", "zerogc.events.async.overflow=caller-runs",
                "zerogc.events.async.consumers=2", "zerogc.events.async.shutdown-timeout=3s").run(context -> {
                    EventDispatcher dispatcher = context.getBean(DispatchingEventPublisher.class).dispatcher();
                    assertThat(dispatcher.ring().size()).isEqualTo(256);
                    assertThat(dispatcher.ring().waitStrategy()).isInstanceOf(BusySpinWaitStrategy.class);
                    assertThat(dispatcher.consumers()).extracting(c -> c.thread().getName())
                            .containsExactly("zerogc-events-0", "zerogc-events-1");
                    assertThat(context.getBean(ZeroGcEventsProperties.class).getAsync().getOverflow())
                            .isEqualTo(OverflowPolicy.CALLER_RUNS);
                    assertThat(context.getBean(ZeroGcEventsProperties.class).getAsync().getShutdownTimeout())
                            .isEqualTo(Duration.ofSeconds(3));
                });
        runner.withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.wait-strategy=sleeping")
                .run(context -> assertThat(context.getBean(DispatchingEventPublisher.class).dispatcher().ring()
                        .waitStrategy()).isInstanceOf(SleepingWaitStrategy.class));
    }

    @Test
    void latencySamplingFeedsTheStatisticsAndTheMeters() {
        runner.withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.stats.latency.enabled=true",
                "zerogc.events.stats.latency.sample-every=1").run(context -> {
                    DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    new ZeroGcEventsMeterBinder(publisher).bindTo(registry);

                    publisher.publish(new Quote("ACME"));
                    await().atMost(BOUND).until(() -> context.getBean(Listeners.class).calls.size() == 3);

                    assertThat(publisher.dispatcher().statistics().ring().deliveryLatency().count()).isEqualTo(1);
                    assertThat(registry.find("zerogc.events.delivery.latency").tag("quantile", "0.99").gauge())
                            .isNotNull();
                    assertThat(registry.find("zerogc.events.listener.latency")
                            .tags("listener", "Listeners.sync(Quote)", "quantile", "1").gauge().value()).isPositive();
                    assertThat(registry.find("zerogc.events.published").tag("type", Quote.class.getName())
                            .functionCounter().count()).isEqualTo(1);
                });
    }

    @ParameterizedTest(name = "async enabled: {0}, ring-size {1}")
    @CsvSource({ "true, 1000", "false, 1000", "false, 0", "false, -5", "true, 1" })
    void ringSizeMustBeAPowerOfTwoWhetherOrNotAsyncIsOn(boolean enabled, int ringSize) {
        runner.withPropertyValues("zerogc.events.async.enabled=" + enabled, "zerogc.events.async.ring-size=" + ringSize)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property zerogc.events.async.ring-size with value '" + ringSize + "' is invalid:"
                                + " The ring size must be a power of two between 2 and 1073741824, so that a slot"
                                + " index is sequence & (size - 1)."));
    }

    @ParameterizedTest(name = "async enabled: {0}")
    @ValueSource(booleans = { true, false })
    void consumersMustBePositive(boolean enabled) {
        runner.withPropertyValues("zerogc.events.async.enabled=" + enabled, "zerogc.events.async.consumers=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("Property zerogc.events.async.consumers with value '0' is invalid: At least one"
                                + " consumer thread is needed."));
    }

    @ParameterizedTest(name = "async enabled: {0}")
    @ValueSource(booleans = { true, false })
    void shutdownTimeoutMustNotBeNegative(boolean enabled) {
        runner.withPropertyValues("zerogc.events.async.enabled=" + enabled, "zerogc.events.async.shutdown-timeout=-1s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("Property zerogc.events.async.shutdown-timeout with value 'PT-1S' is invalid:"
                                + " The shutdown timeout must be zero or positive."));
    }

    @Test
    void latencySamplingTakesOneEventInAPowerOfTwo() {
        runner.withPropertyValues("zerogc.events.stats.latency.sample-every=10")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("Property zerogc.events.stats.latency.sample-every with value '10' is invalid:"
                                + " One event in a power of two is timed (1, 2, 4, ... 1024, ...)."));
    }

    @Test
    void misspelledPropertiesFailStartupNamingThem() {
        runner.withPropertyValues("zerogc.events.async.ring-sise=1024")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("The elements [zerogc.events.async.ring-sise] were left unbound."));
    }

    @Test
    void unknownWaitStrategiesAndPoliciesAreRejectedByName() {
        runner.withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.wait-strategy=lazy")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("zerogc.events.async.wait-strategy").hasStackTraceContaining("lazy"));
        runner.withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.overflow=explode")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("zerogc.events.async.overflow").hasStackTraceContaining("explode"));
    }

    @Test
    void asyncFailuresAreLoggedAndDoNotStopDelivery(CapturedOutput output) {
        runner.withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            publisher.publish(new Quote("BAD"));
            publisher.publish(new Quote("GOOD"));

            Listeners listeners = context.getBean(Listeners.class);
            await().atMost(BOUND).until(() -> listeners.calls.contains("async:GOOD@zerogc-events-0"));
            assertThat(output).contains("Listener Listeners.async(Quote) failed on event of type")
                    .contains("bad quote");
        });
    }

    @Test
    void anErrorHandlerBeanReceivesAsyncFailures() {
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerErrorHandler handler = (error, event, listener) -> handled.add(listener + ": " + error.getMessage()
                + " on " + Thread.currentThread().getName());
        runner.withPropertyValues("zerogc.events.async.enabled=true")
                .withBean(ListenerErrorHandler.class, () -> handler).run(context -> {
                    context.getBean(ZeroGcEventPublisher.class).publish(new Quote("BAD"));

                    await().atMost(BOUND).until(() -> handled.size() == 1);
                    assertThat(handled).containsExactly("Listeners.async(Quote): bad quote on zerogc-events-0");
                });
    }

    @Test
    void closingTheContextDeliversAcceptedEventsThenRefusesNewOnes() {
        runner.withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Listeners listeners = context.getBean(Listeners.class);
            for (int i = 0; i < 1_000; i++) {
                publisher.publish(new Quote("Q" + i));
            }

            context.getSourceApplicationContext().close();

            // 1,000 sync calls happened on publish; the 2,000 async ones all landed before close returned.
            assertThat(listeners.calls).hasSize(3_000);
            assertThatThrownBy(() -> publisher.publish(new Quote("late")))
                    .isInstanceOf(PublisherClosedException.class);
        });
    }
}
