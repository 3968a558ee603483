package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.zerogc.events.Delivery;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.Subscription;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMetricsAutoConfiguration;
import io.zerogc.events.stats.SubscriberStatistics;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;

/**
 * Run-time subscriptions through the starter: made from a bean's initialisation, reached by what the
 * application publishes through Spring's own interfaces, with pooled events, counted in the endpoint and
 * the meters.
 */
class SubscriptionAutoConfigurationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    record Tick(long sequence) {
    }

    static final class Refreshed extends ApplicationEvent {

        private static final long serialVersionUID = 1L;

        Refreshed(Object source) {
            super(source);
        }
    }

    public static class Fill extends PooledEvent {

        long quantity;

        @Override
        protected void reset() {
            quantity = 0;
        }
    }

    /** Subscribes while the context starts, before listeners are compiled. */
    static class EarlySubscriber {

        final List<Object> seen = new CopyOnWriteArrayList<>();
        private final ZeroGcEventPublisher publisher;
        Subscription subscription;

        EarlySubscriber(ZeroGcEventPublisher publisher) {
            this.publisher = publisher;
        }

        @PostConstruct
        void subscribe() {
            subscription = publisher.subscribe(Tick.class, seen::add);
        }
    }

    /** Publishes while the context starts, after the subscription: the event is held, then delivered. */
    static class EarlyPublisher {

        EarlyPublisher(EarlySubscriber subscriber, ZeroGcEventPublisher publisher) {
            publisher.publish(new Tick(1));
        }
    }

    /** A compiled listener of the pooled type, synchronous. */
    static class Fills {

        final List<Long> seen = new CopyOnWriteArrayList<>();

        @ZeroGcListener
        public void on(Fill fill) {
            seen.add(fill.quantity);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class,
                    ZeroGcEventsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class));

    @Test
    void aSubscriptionMadeWhileTheContextStartsGetsTheEventsPublishedMeanwhileAndAfter() {
        runner.withBean(EarlySubscriber.class).withBean(EarlyPublisher.class).run(context -> {
            assertThat(context).hasNotFailed();
            EarlySubscriber subscriber = context.getBean(EarlySubscriber.class);
            context.getBean(ZeroGcEventPublisher.class).publish(new Tick(2));
            subscriber.subscription.close();
            context.getBean(ZeroGcEventPublisher.class).publish(new Tick(3));

            assertThat(subscriber.seen).containsExactly(new Tick(1), new Tick(2));
        });
    }

    @Test
    void whatTheApplicationPublishesThroughSpringsInterfacesReachesSubscribers() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            List<Object> ticks = new CopyOnWriteArrayList<>();
            List<Object> refreshed = new CopyOnWriteArrayList<>();
            Subscription first = publisher.subscribe(Tick.class, ticks::add);
            Subscription second = publisher.subscribe(Refreshed.class, refreshed::add);
            context.publishEvent(new Tick(1)); // a payload, through the context's multicaster
            Refreshed event = new Refreshed(this);
            context.publishEvent(event);
            assertThat(ticks).containsExactly(new Tick(1));
            assertThat(refreshed).containsExactly(event);
            first.close();
            second.close();
            context.publishEvent(new Tick(2));
            assertThat(ticks).hasSize(1);
        });
    }

    @Test
    void aPooledEventGoesBackToItsPoolAfterItsLastAsynchronousSubscriber() {
        runner.withBean(Fills.class).withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.size=8",
                "zerogc.events.async.enabled=true", "zerogc.events.async.consumers=2").run(context -> {
                    DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
                    List<Long> first = new CopyOnWriteArrayList<>();
                    List<Long> second = new CopyOnWriteArrayList<>();
                    // Two consumers: the subscriptions go one to each, so each event is held by three threads.
                    publisher.subscribe(Fill.class, Delivery.ASYNC, fill -> first.add(fill.quantity));
                    publisher.subscribe(Fill.class, Delivery.ASYNC, fill -> second.add(fill.quantity));
                    for (long i = 1; i <= 100; i++) {
                        Fill fill = publisher.borrow(Fill.class);
                        fill.quantity = i;
                        publisher.publish(fill);
                    }
                    assertThat(publisher.awaitDelivery(BOUND)).isTrue();

                    List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();
                    assertThat(first).containsExactlyElementsOf(expected);
                    assertThat(second).containsExactlyElementsOf(expected);
                    assertThat(context.getBean(Fills.class).seen).containsExactlyElementsOf(expected);
                    assertThat(publisher.pools().statistics().get(0).borrowed()).isZero();
                });
    }

    @Test
    void theEndpointAndTheMetersCountSubscribers() {
        runner.withPropertyValues("zerogc.events.async.enabled=true").run(context -> {
            DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
            List<Object> seen = new CopyOnWriteArrayList<>();
            publisher.subscribe(Tick.class, Delivery.SYNC, seen::add);
            Subscription async = publisher.subscribe(Object.class, seen::add);
            for (int i = 0; i < 10; i++) {
                publisher.publish(new Tick(i));
            }
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();
            async.close();

            ZeroGcEventsEndpoint endpoint = new ZeroGcEventsEndpoint(publisher);
            assertThat(endpoint.eventType(Tick.class.getName()).eventType().subscribers())
                    .isEqualTo(new SubscriberStatistics(1, 0, 20, 0));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            meters.get("zerogc.events.types").gauge().value(); // registers the meters of the types met since
            assertThat(meters.get("zerogc.events.subscriber.invocations").tag("type", Tick.class.getName())
                    .functionCounter().count()).isEqualTo(seen.size());
            assertThat(meters.get("zerogc.events.subscribers").tag("type", Tick.class.getName()).gauge().value())
                    .isEqualTo(1);
        });
    }

    @Test
    void anAsynchronousSubscriptionWithAsynchronousDeliveryOffIsRefusedBeforeAndAfterStartup() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            assertThatIllegalStateException()
                    .isThrownBy(() -> publisher.subscribe(Tick.class, Delivery.ASYNC, tick -> { }))
                    .withMessageContaining("asks for Delivery.ASYNC, but asynchronous delivery is not enabled"
                            + " (zerogc.events.async.enabled)");
        });
        DispatchingEventPublisher beforeStartup = new DispatchingEventPublisher(null, false);
        assertThatThrownBy(() -> beforeStartup.subscribe(Tick.class, Delivery.ASYNC, tick -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("A subscription to " + Tick.class.getName())
                .hasMessageEndingWith("asks for Delivery.ASYNC, but asynchronous delivery is not enabled"
                        + " (zerogc.events.async.enabled)");
    }
}
