package io.zerogc.bench;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * One listener, published through the starter as an application uses it: the {@code ZeroGcEventPublisher}
 * bean, an injected {@code ApplicationEventPublisher} (the drop-in path), and the context itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StarterPublishBenchmark {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class App {
    }

    /** Receives what the benchmarks publish. */
    public static class Injected {

        final ApplicationEventPublisher publisher;

        /**
         * Gets the publisher an application's bean would get.
         *
         * @param publisher the injected publisher
         */
        public Injected(ApplicationEventPublisher publisher) {
            this.publisher = publisher;
        }
    }

    private final BenchEvent event = new BenchEvent();
    private AnnotationConfigApplicationContext context;
    private ZeroGcEventPublisher zeroGc;
    private ApplicationEventPublisher injected;
    private CompiledOnlyListener listener;

    /**
     * Starts a context with the starter and one listener.
     */
    @Setup(Level.Trial)
    public void setUp() {
        context = new AnnotationConfigApplicationContext();
        context.register(App.class);
        context.registerBean(CompiledOnlyListener.class);
        context.registerBean(Injected.class);
        context.refresh();
        zeroGc = context.getBean(ZeroGcEventPublisher.class);
        injected = context.getBean(Injected.class).publisher;
        listener = context.getBean(CompiledOnlyListener.class);
        long before = listener.sum();
        injected.publishEvent(event);
        if (!(injected instanceof ZeroGcEventPublisher) || listener.sum() == before) {
            throw new IllegalStateException("the injected publisher is not the starter's, or did not deliver");
        }
    }

    /**
     * Closes the context.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    /** {@code ZeroGcEventPublisher.publish}: engine, statistics, and the bridge's cached check. */
    @Benchmark
    public void zeroGcPublisher() {
        zeroGc.publish(event);
    }

    /** An injected {@code ApplicationEventPublisher}: existing code, unchanged. */
    @Benchmark
    public void injectedApplicationEventPublisher() {
        injected.publishEvent(event);
    }

    /** {@code ApplicationContext.publishEvent}: Spring's own path, which wraps the event. */
    @Benchmark
    public void applicationContextPublishEvent() {
        context.publishEvent(event);
    }
}
