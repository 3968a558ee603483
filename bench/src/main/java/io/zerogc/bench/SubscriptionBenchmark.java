package io.zerogc.bench;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import io.zerogc.events.Delivery;
import io.zerogc.events.Subscription;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

/**
 * Listeners added and removed at run time, with {@code others} already listening to the same type: the
 * engine's {@code subscribe} and {@code close}, Guava's {@code register} and {@code unregister}, Spring's
 * multicaster {@code addApplicationListener} and {@code removeApplicationListener}. Once as a bare pair,
 * and once with one event published in between, which is where Spring pays for a change (it rebuilds its
 * listener cache on the next publish). And publishing one event to the {@code others} alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class SubscriptionBenchmark {

    /** How many subscribers of the type there are besides the one added and removed. */
    @Param({"0", "10", "1000"})
    public int others;

    private final BenchEvent event = new BenchEvent();
    private EventDispatcher engine;
    private final Summing subscriber = new Summing();
    private EventBus guava;
    private final GuavaListener guavaListener = new GuavaListener();
    private SimpleApplicationEventMulticaster spring;
    private final SpringListener springListener = new SpringListener();
    private final Object source = new Object();

    /** A subscriber: adds up what it gets. */
    static final class Summing implements Consumer<BenchEvent> {

        long sum;

        @Override
        public void accept(BenchEvent received) {
            sum += received.value;
        }
    }

    /** Guava's listener of the type. */
    public static final class GuavaListener {

        long sum;

        /**
         * Adds up.
         *
         * @param received the event
         */
        @Subscribe
        public void on(BenchEvent received) {
            sum += received.value;
        }
    }

    /** Spring's listener of the type, as a published object arrives. */
    static final class SpringListener implements ApplicationListener<PayloadApplicationEvent<BenchEvent>> {

        long sum;

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<BenchEvent> received) {
            sum += received.getPayload().value;
        }
    }

    /** Every bus with {@code others} listeners of the type, and the type's route built. */
    @Setup(Level.Trial)
    public void setUp() {
        engine = new EventDispatcher(List.of(), DispatcherSettings.defaults());
        guava = new EventBus();
        spring = new SimpleApplicationEventMulticaster();
        for (int i = 0; i < others; i++) {
            engine.subscribe(BenchEvent.class, Delivery.SYNC, new Summing());
            guava.register(new GuavaListener());
            spring.addApplicationListener(new SpringListener());
        }
        engine.publish(event);
        guava.post(event);
        spring.multicastEvent(new PayloadApplicationEvent<>(source, event));
    }

    /** The engine: subscribe, then close. */
    @Benchmark
    public void zerogcSubscribeClose() {
        engine.subscribe(BenchEvent.class, Delivery.SYNC, subscriber).close();
    }

    /** Guava: register, then unregister. */
    @Benchmark
    public void guavaRegisterUnregister() {
        guava.register(guavaListener);
        guava.unregister(guavaListener);
    }

    /** Spring: add, then remove. */
    @Benchmark
    public void springAddRemove() {
        spring.addApplicationListener(springListener);
        spring.removeApplicationListener(springListener);
    }

    /** The engine: subscribe, publish one event, close. */
    @Benchmark
    public void zerogcSubscribePublishClose() {
        Subscription subscription = engine.subscribe(BenchEvent.class, Delivery.SYNC, subscriber);
        engine.publish(event);
        subscription.close();
    }

    /** Guava: register, post one event, unregister. */
    @Benchmark
    public void guavaRegisterPostUnregister() {
        guava.register(guavaListener);
        guava.post(event);
        guava.unregister(guavaListener);
    }

    /** Spring: add, publish one event, remove. */
    @Benchmark
    public void springAddPublishRemove() {
        spring.addApplicationListener(springListener);
        spring.multicastEvent(new PayloadApplicationEvent<>(source, event));
        spring.removeApplicationListener(springListener);
    }

    /** The engine: one event to the {@code others}. */
    @Benchmark
    public void zerogcPublish() {
        engine.publish(event);
    }

    /** Guava: one event to the {@code others}. */
    @Benchmark
    public void guavaPost() {
        guava.post(event);
    }

    /** Spring: one event to the {@code others}. */
    @Benchmark
    public void springPublish() {
        spring.multicastEvent(new PayloadApplicationEvent<>(source, event));
    }
}
