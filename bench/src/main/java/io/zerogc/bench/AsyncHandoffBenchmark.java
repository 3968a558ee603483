package io.zerogc.bench;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.zerogc.events.Delivery;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
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
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Handing events from publishing threads to one consumer thread that runs the same listener body:
 * throughput in events per second, publishers blocking when the handoff is full (run with {@code -t 1}
 * and {@code -t 2} for one and two producers). Every variant has 4,096 slots of buffer, and its own
 * state, so only its consumer runs while it is measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsyncHandoffBenchmark {

    private static final int CAPACITY = 4096;
    private static final BenchEvent EVENT = new BenchEvent();

    /**
     * The starter's ring. Each variant has a state of its own, so only the measured variant's consumer
     * runs: an idle consumer of another variant would spin or yield on the same cores.
     */
    @State(Scope.Benchmark)
    public static class Ring {

        /** How the consumer waits. */
        @Param({"yielding", "blocking"})
        public String waitStrategy;

        EventDispatcher dispatcher;

        /**
         * Starts the consumer.
         *
         * @throws NoSuchMethodException if the listener method is missing
         */
        @Setup(Level.Trial)
        public void start() throws NoSuchMethodException {
            Listener0 listener = new Listener0();
            AsyncSettings async = new AsyncSettings(CAPACITY, 1, waitStrategy.equals("yielding")
                    ? new YieldingWaitStrategy() : new BlockingWaitStrategy(), OverflowPolicy.BLOCK,
                    runnable -> daemon(runnable, "zerogc-consumer"), (error, e, l) -> { });
            dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("listener", listener,
                    Listener0.class.getMethod("on", BenchEvent.class), 0, Delivery.ASYNC)),
                    DispatcherSettings.defaults().withAsync(async));
            dispatcher.start();
        }

        /**
         * Drains and stops the consumer.
         *
         * @throws InterruptedException if interrupted
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            dispatcher.close(Duration.ofSeconds(10));
        }
    }

    /** LMAX Disruptor 4 with the same wait strategy and a translator that stores the reference. */
    @State(Scope.Benchmark)
    public static class DisruptorState {

        /** How the consumer waits. */
        @Param({"yielding", "blocking"})
        public String waitStrategy;

        Disruptor<Holder> disruptor;

        /**
         * Starts the consumer.
         */
        @Setup(Level.Trial)
        public void start() {
            Listener0 listener = new Listener0();
            disruptor = new Disruptor<>(Holder::new, CAPACITY, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                    waitStrategy.equals("yielding") ? new com.lmax.disruptor.YieldingWaitStrategy()
                            : new com.lmax.disruptor.BlockingWaitStrategy());
            disruptor.handleEventsWith((holder, sequence, endOfBatch) -> {
                listener.on(holder.event);
                holder.event = null;
            });
            disruptor.start();
        }

        /**
         * Stops the consumer.
         */
        @TearDown(Level.Trial)
        public void stop() {
            disruptor.shutdown();
        }
    }

    /** Spring's multicaster with a one-thread ThreadPoolTaskExecutor (wraps the event, a task per event). */
    @State(Scope.Benchmark)
    public static class SpringState {

        GenericApplicationContext context;
        SimpleApplicationEventMulticaster multicaster;
        ThreadPoolTaskExecutor executor;

        /**
         * Starts the executor.
         */
        @Setup(Level.Trial)
        public void start() {
            Listener0 listener = new Listener0();
            executor = BlockingExecutors.singleThread(CAPACITY);
            context = new GenericApplicationContext();
            context.refresh();
            multicaster = new SimpleApplicationEventMulticaster();
            multicaster.setTaskExecutor(executor);
            multicaster.addApplicationListener((PayloadApplicationEvent<BenchEvent> e) -> listener.on(e.getPayload()));
        }

        /**
         * Stops the executor.
         */
        @TearDown(Level.Trial)
        public void stop() {
            executor.shutdown();
            context.close();
        }
    }

    /** A plain bounded LinkedBlockingQueue handoff. */
    @State(Scope.Benchmark)
    public static class QueueState {

        LinkedBlockingQueue<BenchEvent> queue;
        Thread consumer;

        /**
         * Starts the consumer.
         */
        @Setup(Level.Trial)
        public void start() {
            Listener0 listener = new Listener0();
            queue = new LinkedBlockingQueue<>(CAPACITY);
            consumer = daemon(() -> {
                try {
                    while (true) {
                        listener.on(queue.take());
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, "queue-consumer");
            consumer.start();
        }

        /**
         * Stops the consumer.
         */
        @TearDown(Level.Trial)
        public void stop() {
            consumer.interrupt();
        }
    }

    /** The Disruptor's pre-allocated slot. */
    static final class Holder {
        BenchEvent event;
    }

    private static final EventTranslatorOneArg<Holder, BenchEvent> TRANSLATOR = (holder, sequence, e) ->
            holder.event = e;

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * zerogc-events: the starter's ring.
     *
     * @param ring the ring
     */
    @Benchmark
    public void zeroGcRing(Ring ring) {
        ring.dispatcher.dispatch(EVENT);
    }

    /**
     * LMAX Disruptor 4.
     *
     * @param state the Disruptor
     */
    @Benchmark
    public void disruptor(DisruptorState state) {
        state.disruptor.getRingBuffer().publishEvent(TRANSLATOR, EVENT);
    }

    /**
     * Spring's executor multicaster.
     *
     * @param state the multicaster
     */
    @Benchmark
    public void springExecutorMulticaster(SpringState state) {
        state.multicaster.multicastEvent(new PayloadApplicationEvent<>(state.context, EVENT));
    }

    /**
     * A LinkedBlockingQueue.
     *
     * @param state the queue
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public void linkedBlockingQueue(QueueState state) throws InterruptedException {
        state.queue.put(EVENT);
    }
}
