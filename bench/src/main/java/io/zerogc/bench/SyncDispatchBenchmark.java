package io.zerogc.bench;

import com.google.common.eventbus.EventBus;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * One synchronous publish to N listeners, through each dispatcher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyncDispatchBenchmark {

    /** How many listeners receive each event. */
    @Param({"1", "10", "500"})
    public int listeners;

    private final BenchEvent event = new BenchEvent();
    private ListenerSet direct;
    private ListenerSet engineListeners;
    private EventDispatcher engine;
    private ListenerSet sampledListeners;
    private EventDispatcher sampled;
    private ListenerSet springListeners;
    private GenericApplicationContext spring;
    private ListenerSet guavaListeners;
    private EventBus guava;

    /**
     * Builds one listener set per dispatcher, so their fields do not share cache lines across variants.
     */
    @Setup(Level.Trial)
    public void setUp() {
        direct = new ListenerSet(listeners);
        engineListeners = new ListenerSet(listeners);
        engine = new EventDispatcher(engineListeners.definitions(), DispatcherSettings.defaults());
        sampledListeners = new ListenerSet(listeners);
        sampled = new EventDispatcher(sampledListeners.definitions(),
                DispatcherSettings.defaults().withLatencySampling(16));
        springListeners = new ListenerSet(listeners);
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        for (int i = 0; i < springListeners.all.size(); i++) {
            BenchListener listener = springListeners.all.get(i);
            registerSingleton(context, "listener" + i, listener);
        }
        context.refresh();
        spring = context;
        guavaListeners = new ListenerSet(listeners);
        guava = new EventBus();
        guavaListeners.all.forEach(guava::register);
        checkEveryVariantDelivers();
    }

    private void checkEveryVariantDelivers() {
        directCall();
        zeroGcPublish();
        springPublishEvent();
        guavaPost();
        zeroGcPublishWithLatencySampling();
        for (ListenerSet set : new ListenerSet[] {direct, engineListeners, springListeners, guavaListeners,
                sampledListeners}) {
            if (set.total() != listeners) {
                throw new IllegalStateException("one publish reached " + set.total() + " of " + listeners
                        + " listeners");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void registerSingleton(GenericApplicationContext context, String name, T bean) {
        context.registerBean(name, (Class<T>) bean.getClass(), () -> bean);
    }

    /**
     * Closes the Spring context.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        spring.close();
    }

    /** Hand-written direct calls: the limit. */
    @Benchmark
    public void directCall() {
        direct.callDirectly(event);
    }

    /** The zerogc-events engine. */
    @Benchmark
    public void zeroGcPublish() {
        engine.dispatch(event);
    }

    /** The engine with latency sampling on: two clock reads per listener call, no generated dispatcher. */
    @Benchmark
    public void zeroGcPublishWithLatencySampling() {
        sampled.dispatch(event);
    }

    /** Spring's {@code ApplicationEventPublisher.publishEvent} with {@code @EventListener}. */
    @Benchmark
    public void springPublishEvent() {
        spring.publishEvent(event);
    }

    /** Guava's {@code EventBus.post}. */
    @Benchmark
    public void guavaPost() {
        guava.post(event);
    }
}
