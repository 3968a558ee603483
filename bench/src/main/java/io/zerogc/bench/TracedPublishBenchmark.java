package io.zerogc.bench;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One asynchronous listener, published to through the starter in an application with Boot's tracing
 * auto-configuration (Brave, every trace sampled: the dearest case), outside any observation and inside
 * one (a request's, say). The publisher blocks when the ring is full, so a publish costs what the slower
 * of the publisher and the consumer spends per event: with the context propagated, the consumer opens and
 * closes a scope of the carried observation per traced event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TracedPublishBenchmark {

    /**
     * {@code off}: the starter's defaults; {@code propagate}: {@code zerogc.events.async.propagate-context};
     * {@code propagate-observe}: and {@code zerogc.events.observation.enabled}, with latency sampling of one
     * event in 16 (an observation per listener call of those).
     */
    @Param({"off", "propagate", "propagate-observe"})
    public String mode;

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ZeroGcEventsAutoConfiguration.class, ObservationAutoConfiguration.class,
            MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class})
    static class App {
    }

    private final BenchEvent event = new BenchEvent();
    private ConfigurableApplicationContext context;
    private ZeroGcEventPublisher publisher;
    private CompiledOnlyListener listener;
    ObservationRegistry registry;

    /**
     * Starts the application.
     *
     * @throws InterruptedException if interrupted waiting for the first delivery
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(
                "spring.main.banner-mode=off", "logging.level.root=warn", "management.tracing.sampling.probability=1.0",
                "zerogc.events.async.enabled=true",
                "zerogc.events.async.propagate-context=" + !mode.equals("off"),
                "zerogc.events.observation.enabled=" + mode.equals("propagate-observe"),
                "zerogc.events.stats.latency.enabled=" + mode.equals("propagate-observe"))
                .sources(CompiledOnlyListener.class).run();
        publisher = context.getBean(ZeroGcEventPublisher.class);
        listener = context.getBean(CompiledOnlyListener.class);
        registry = context.getBean(ObservationRegistry.class);
        long before = listener.sum();
        publisher.publish(event);
        if (!publisher.awaitDelivery(Duration.ofSeconds(10)) || listener.sum() != before + event.value) {
            throw new IllegalStateException("the asynchronous listener did not get the event");
        }
    }

    /**
     * Drains and closes the application.
     *
     * @throws InterruptedException if interrupted draining
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        publisher.awaitDelivery(Duration.ofSeconds(10));
        context.close();
    }

    /** An observation open on the benchmark thread for the whole trial: a long request, in effect. */
    @State(Scope.Thread)
    public static class InObservation {

        Observation observation;
        Observation.Scope scope;

        /**
         * Opens the observation on the thread that publishes.
         *
         * @param benchmark the application
         */
        @Setup(Level.Trial)
        public void open(TracedPublishBenchmark benchmark) {
            observation = Observation.start("request", benchmark.registry);
            scope = observation.openScope();
        }

        /**
         * Closes it.
         */
        @TearDown(Level.Trial)
        public void close() {
            scope.close();
            observation.stop();
        }
    }

    /** A publish from a thread with no current observation. */
    @Benchmark
    public void outsideAnyObservation() {
        publisher.publish(event);
    }

    /**
     * A publish inside an observation.
     *
     * @param inside the open observation
     */
    @Benchmark
    public void insideAnObservation(InObservation inside) {
        publisher.publish(event);
    }
}
