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
import org.openjdk.jmh.annotations.Param;
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
 * N listener beans, published to through the starter as an application uses it (the
 * {@code ZeroGcEventPublisher} bean, an injected {@code ApplicationEventPublisher}, the context itself),
 * against the same calls made directly. The context is the starter's defaults: the bridge on (no
 * classic listener wants the event), statistics counted; latency sampling is off unless asked for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StarterPublishBenchmark {

    /** How many listener beans receive each event. */
    @Param({"1", "10", "500"})
    public int listeners;

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
    private CompiledOnlyListener[] beans;
    private CompiledOnlyListener first;

    /**
     * Starts a context with the starter and one listener.
     */
    @Setup(Level.Trial)
    public void setUp() {
        context = new AnnotationConfigApplicationContext();
        context.register(App.class);
        for (int i = 0; i < listeners; i++) {
            context.registerBean("listener" + i, CompiledOnlyListener.class);
        }
        context.registerBean(Injected.class);
        context.refresh();
        zeroGc = context.getBean(ZeroGcEventPublisher.class);
        injected = context.getBean(Injected.class).publisher;
        beans = context.getBeansOfType(CompiledOnlyListener.class).values().toArray(CompiledOnlyListener[]::new);
        first = beans[0];
        for (Runnable publish : new Runnable[] {this::zeroGcPublisher, this::injectedApplicationEventPublisher,
                this::applicationContextPublishEvent, this::directCalls}) {
            long before = total();
            publish.run();
            if (total() != before + listeners) {
                throw new IllegalStateException("one publish reached " + (total() - before) + " of " + listeners
                        + " listeners");
            }
        }
        if (!(injected instanceof ZeroGcEventPublisher)) {
            throw new IllegalStateException("the injected publisher is not the starter's");
        }
    }

    private long total() {
        long total = 0;
        for (CompiledOnlyListener bean : beans) {
            total += bean.sum();
        }
        return total;
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

    /**
     * The same calls made directly: the one bean's method for one listener, else a loop over the beans
     * (one class, so the loop's call site stays monomorphic: the best case for hand-written code).
     */
    @Benchmark
    public void directCalls() {
        if (listeners == 1) {
            first.on(event);
            return;
        }
        for (CompiledOnlyListener bean : beans) {
            bean.on(event);
        }
    }

    /** {@code ApplicationContext.publishEvent}: Spring's own path, which wraps the event. */
    @Benchmark
    public void applicationContextPublishEvent() {
        context.publishEvent(event);
    }
}
