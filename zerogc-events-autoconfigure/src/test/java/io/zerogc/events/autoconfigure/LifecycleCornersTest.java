package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.MeterRegistry;
import io.zerogc.events.Delivery;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMetricsAutoConfiguration;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.PoolStatistics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextStoppedEvent;
import org.springframework.context.event.EventListener;

/**
 * Lifecycle and accounting corners seen failing from outside: Spring's own lifecycle events while
 * asynchronous delivery is stopped, an endpoint reset with events in the ring, a pooled event published
 * before the listeners are compiled, and meters registered once.
 */
@ExtendWith(OutputCaptureExtension.class)
class LifecycleCornersTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));

    /** Takes every application event asynchronously, and counts Spring's lifecycle events classically. */
    static class LifecycleListeners {

        final List<Object> asynchronous = new CopyOnWriteArrayList<>();
        final AtomicInteger stopped = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void any(ApplicationEvent event) {
            asynchronous.add(event);
        }

        @EventListener
        public void on(ContextStoppedEvent event) {
            stopped.incrementAndGet();
        }

        @EventListener
        public void on(ContextClosedEvent event) {
            closed.incrementAndGet();
        }
    }

    @Test
    void stoppingAndClosingTheContextNeverThrowAndEveryListenerGetsSpringsLifecycleEvents() {
        LifecycleListeners listeners = new LifecycleListeners();
        runner.withBean(LifecycleListeners.class, () -> listeners)
                .withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
                    assertThatCode(context::stop).doesNotThrowAnyException();
                    assertThat(listeners.stopped.get()).isEqualTo(1);
                    assertThat(listeners.asynchronous).anyMatch(ContextStoppedEvent.class::isInstance);
                    context.start();
                    assertThatCode(context::close).doesNotThrowAnyException();
                    assertThat(listeners.closed.get()).isEqualTo(1);
                    assertThat(listeners.asynchronous).anyMatch(ContextClosedEvent.class::isInstance);
                });
    }

    record Tick(int n) {
    }

    /** Holds the consumer on its first tick until released. */
    static class Held {

        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger received = new AtomicInteger();

        @ZeroGcListener
        public void on(Tick tick) throws InterruptedException {
            if (tick.n() == 0) {
                release.await(20, TimeUnit.SECONDS);
            }
            received.incrementAndGet();
        }
    }

    @Test
    void anEndpointResetWithEventsInTheRingNeverShowsMoreDeliveredThanPublished() {
        runner.withBean(Held.class).withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    ZeroGcEventsEndpoint endpoint = new ZeroGcEventsEndpoint(
                            context.getBean(DispatchingEventPublisher.class));
                    Held held = context.getBean(Held.class);
                    for (int i = 0; i < 10; i++) {
                        publisher.publish(new Tick(i));
                    }

                    endpoint.reset();
                    held.release.countDown();
                    assertThat(publisher.awaitDelivery(BOUND)).isTrue();
                    publisher.publish(new Tick(10));
                    assertThat(publisher.awaitDelivery(BOUND)).isTrue();

                    EventTypeStatistics ticks = endpoint.eventType(Tick.class.getName()).eventType();
                    assertThat(ticks.delivered()).isLessThanOrEqualTo(ticks.published());
                    assertThat(ticks.published()).as("the ten in flight at the reset, and one after it")
                            .isEqualTo(ticks.delivered() + ticks.dropped() + ticks.refused() + ticks.aborted())
                            .isEqualTo(11);
                    assertThat(held.received.get()).isEqualTo(11);
                });
    }

    /** A pooled event. */
    public static class Quote extends PooledEvent {

        int price;

        @Override
        protected void reset() {
            price = 0;
        }
    }

    /** Publishes a pooled event while the context starts, before the listeners are compiled. */
    static class EarlyPublisher implements InitializingBean {

        private final ZeroGcEventPublisher publisher;
        final List<Integer> received = new CopyOnWriteArrayList<>();

        EarlyPublisher(ZeroGcEventPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void afterPropertiesSet() {
            publisher.publish(Quote.class, (quote, price) -> quote.price = price, 42);
        }

        @ZeroGcListener
        public void on(Quote quote) {
            received.add(quote.price);
        }
    }

    @Test
    void aPooledEventPublishedBeforeTheListenersAreCompiledReachesThemAndGoesBackToItsPool() {
        runner.withBean(EarlyPublisher.class).withPropertyValues("zerogc.events.pool.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EarlyPublisher.class).received).containsExactly(42);
            List<PoolStatistics> pools = context.getBean(DispatchingEventPublisher.class).pools().statistics();
            assertThat(pools).singleElement().satisfies(pool -> assertThat(pool.borrowed()).isZero());
        });
    }

    /** A listener of a type, so its meters are bound at startup, and then published. */
    static class Listened {

        @ZeroGcListener
        public void on(Tick tick) {
        }
    }

    @Test
    void eachMeterIsRegisteredOnceWithoutMicrometersAlreadyRegisteredWarning(CapturedOutput output) {
        runner.withConfiguration(AutoConfigurations.of(ZeroGcEventsMetricsAutoConfiguration.class,
                MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class)).withBean(Listened.class).run(context -> {
                    context.getBean(ZeroGcEventPublisher.class).publish(new Tick(1));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    registry.find("zerogc.events.types").gauge().value(); // a scrape: what was queued registers
                    registry.getMeters().forEach(meter -> meter.measure().forEach(measurement -> { }));

                    assertThat(registry.find("zerogc.events.published").tag("type", Tick.class.getName())
                            .functionCounters()).hasSize(1);
                    assertThat(output).doesNotContain("already registered");
                });
    }
}
