package io.zerogc.bench;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.pool.EventPools;
import io.zerogc.events.pool.ExhaustedPolicy;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Publishing a new event per call against borrowing a pooled one (synchronous, one listener): what the
 * caller's own {@code new} costs, and what pooling costs instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PooledPublishBenchmark {

    /** Listens to both kinds of event. */
    public static class Sink {

        long sum;

        /**
         * Adds a plain event's value.
         *
         * @param event the event
         */
        @ZeroGcListener
        public void plain(BenchEvent event) {
            sum += event.value;
        }

        /**
         * Adds a pooled event's value.
         *
         * @param tick the tick
         */
        @ZeroGcListener
        public void pooled(PooledTick tick) {
            sum += tick.value;
        }
    }

    private static final Long ONE = 1L;

    private EventDispatcher dispatcher;
    private EventPools pools;
    private long next;

    /**
     * Builds the engine with pooling on.
     *
     * @throws Exception if a listener method is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Sink sink = new Sink();
        pools = new EventPools(1024, Map.of(), ExhaustedPolicy.FAIL, false);
        pools.prepare(PooledTick.class);
        dispatcher = new EventDispatcher(List.of(
                ListenerDefinition.of("sink", sink, Sink.class.getMethod("plain", BenchEvent.class), 0, Delivery.SYNC),
                ListenerDefinition.of("sink", sink, Sink.class.getMethod("pooled", PooledTick.class), 0,
                        Delivery.SYNC)), DispatcherSettings.defaults().withPooling(true));
    }

    /**
     * A new event per publish, as most code does. The event does not outlive the call, so escape
     * analysis removes the allocation once the publish is inlined: this is the dispatch alone.
     */
    @Benchmark
    public void newEventPerPublish() {
        BenchEvent event = new BenchEvent();
        event.value = ++next;
        dispatcher.dispatch(event);
    }

    /**
     * A new event per publish that outlives the call (a listener keeps it, it goes to another thread):
     * escape analysis cannot remove the allocation, which the garbage collector then pays for.
     *
     * @param escape where the event escapes to
     */
    @Benchmark
    public void newEventThatEscapes(Blackhole escape) {
        BenchEvent event = new BenchEvent();
        event.value = ++next;
        dispatcher.dispatch(event);
        escape.consume(event);
    }

    /**
     * A pooled and a new event in one operation, as an application that publishes both kinds through one
     * publisher does: the dispatch's profile sees both routes. Against the sum of {@link #pooledEvent} and
     * {@link #newEventPerPublish}, each measured alone, what the mixed profile costs.
     */
    @Benchmark
    public void pooledAndNewEvent() {
        PooledTick tick = pools.borrow(PooledTick.class);
        PooledTick.fill(tick, ONE);
        dispatcher.dispatch(tick);
        BenchEvent event = new BenchEvent();
        event.value = ++next;
        dispatcher.dispatch(event);
    }

    /** Borrow, fill, publish: the event returns to its pool when the listener is done. */
    @Benchmark
    public void pooledEvent() {
        PooledTick tick = pools.borrow(PooledTick.class);
        PooledTick.fill(tick, ONE);
        dispatcher.dispatch(tick);
    }
}
