package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.zerogc.events.RingFullException;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMetricsAutoConfiguration;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.ListenerStatistics;
import io.zerogc.events.stats.RingStatistics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every figure the starter shows against what the listeners actually saw, for every overflow policy and
 * for a shutdown in mid-stream. The invariant, per event type, once everything accepted is delivered:
 * {@code published = delivered + dropped + refused + aborted}; each listener's invocations are what it
 * received; the endpoint and the meters agree.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountingInvariantTest {

    private static final int EVENTS = 5_000;
    private static final Duration BOUND = Duration.ofSeconds(30);

    record Tick(int n) {
    }

    /** Two asynchronous listeners, one per consumer, slow enough to fill a small ring. */
    static class Counting {

        final AtomicLong first = new AtomicLong();
        final AtomicLong second = new AtomicLong();

        @ZeroGcListener
        public void first(Tick tick) {
            LockSupport.parkNanos(5_000);
            first.incrementAndGet();
        }

        @ZeroGcListener
        public void second(Tick tick) {
            second.incrementAndGet();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class,
                    ZeroGcEventsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
            .withBean(Counting.class)
            .withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.consumers=2",
                    "zerogc.events.async.ring-size=16");

    @ParameterizedTest(name = "overflow={0}")
    @ValueSource(strings = { "block", "drop", "fail", "caller-runs" })
    void everyFigureMatchesWhatListenersSaw(String overflow) {
        runner.withPropertyValues("zerogc.events.async.overflow=" + overflow).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Counting listeners = context.getBean(Counting.class);
            long refusedHere = 0;
            for (int i = 0; i < EVENTS; i++) {
                try {
                    publisher.publish(new Tick(i));
                }
                catch (RingFullException ex) {
                    refusedHere++;
                }
            }
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();

            ZeroGcEventsEndpoint endpoint = new ZeroGcEventsEndpoint(context.getBean(DispatchingEventPublisher.class));
            EventTypeStatistics tick = endpoint.eventType(Tick.class.getName()).eventType();
            assertThat(tick.published()).isEqualTo(EVENTS);
            assertThat(tick.refused()).isEqualTo(refusedHere);
            assertThat(tick.delivered()).isEqualTo(listeners.first.get()).isEqualTo(listeners.second.get());
            assertThat(tick.published()).isEqualTo(tick.delivered() + tick.dropped() + tick.refused() + tick.aborted());
            assertThat(tick.listeners()).extracting(ListenerStatistics::invocations)
                    .containsExactly(listeners.first.get(), listeners.second.get());
            switch (overflow) {
                case "block" -> assertThat(tick.delivered()).isEqualTo(EVENTS);
                case "drop" -> assertThat(tick.dropped()).isPositive();
                case "fail" -> assertThat(tick.refused()).isPositive();
                default -> assertThat(endpoint.report().ring().callerRuns()).isPositive();
            }
            RingStatistics ring = endpoint.report().ring();
            assertThat(ring.highWaterMark()).isEqualTo(16); // every policy met a full ring
            assertThat(ring.lag()).isZero();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(count(meters, "zerogc.events.published")).isEqualTo(tick.published());
            assertThat(count(meters, "zerogc.events.delivered")).isEqualTo(tick.delivered());
            assertThat(count(meters, "zerogc.events.dropped")).isEqualTo(tick.dropped());
            assertThat(count(meters, "zerogc.events.refused")).isEqualTo(tick.refused());
            assertThat(count(meters, "zerogc.events.aborted")).isEqualTo(tick.aborted());
        });
    }

    @Test
    void resettingTheEndpointStartsItsFiguresAfreshAndLeavesTheMetersCounting() {
        runner.withPropertyValues("zerogc.events.async.overflow=drop").run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            ZeroGcEventsEndpoint endpoint = new ZeroGcEventsEndpoint(context.getBean(DispatchingEventPublisher.class));
            for (int i = 0; i < EVENTS; i++) {
                publisher.publish(new Tick(i));
            }
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();

            endpoint.reset();

            EventTypeStatistics tick = endpoint.eventType(Tick.class.getName()).eventType();
            assertThat(tick.published()).isZero();
            assertThat(tick.delivered()).isZero();
            assertThat(tick.dropped()).isZero();
            assertThat(tick.listeners()).allSatisfy(listener -> assertThat(listener.invocations()).isZero());
            RingStatistics ring = endpoint.report().ring();
            assertThat(ring.highWaterMark()).isZero();
            assertThat(ring.producerWaits()).isZero();
            assertThat(ring.consumerBatches()).isZero();
            assertThat(count(context.getBean(MeterRegistry.class), "zerogc.events.published")).isEqualTo(EVENTS);

            publisher.publish(new Tick(-1));
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();
            assertThat(endpoint.eventType(Tick.class.getName()).eventType().published()).isEqualTo(1);
        });
    }

    @Test
    void aShutdownInMidStreamLogsExactlyWhatWasNotDelivered(CapturedOutput output) {
        AtomicLong received = new AtomicLong();
        runner.withPropertyValues("zerogc.events.async.ring-size=32768", "zerogc.events.async.shutdown-timeout=100ms")
                .run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    Counting listeners = context.getBean(Counting.class);
                    for (int i = 0; i < 20_000; i++) {
                        publisher.publish(new Tick(i));
                    }
                    context.close();
                    received.set(listeners.first.get());
                });

        Matcher logged = Pattern.compile("(\\d+) events accepted for asynchronous delivery were not delivered")
                .matcher(output.getOut());
        assertThat(logged.find()).as(output.getOut()).isTrue();
        assertThat(Long.parseLong(logged.group(1))).isPositive().isEqualTo(20_000 - received.get());
    }

    private static long count(MeterRegistry meters, String name) {
        return (long) meters.get(name).tag("type", Tick.class.getName()).functionCounter().count();
    }
}
