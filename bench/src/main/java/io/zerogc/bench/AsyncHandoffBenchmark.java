package io.zerogc.bench;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.zerogc.events.Delivery;
import io.zerogc.events.dispatch.AsyncSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * and {@code -t 2} for one and two producers). Every variant has 4,096 slots of buffer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsyncHandoffBenchmark {

    private static final int CAPACITY = 4096;

    /** How consumers wait: the ring's and the Disruptor's equivalent strategy. */
    @Param({"yielding", "blocking"})
    public String waitStrategy;

    private final BenchEvent event = new BenchEvent();
    private EventDispatcher ring;
    private Disruptor<Holder> disruptor;
    private GenericApplicationContext springContext;
    private SimpleApplicationEventMulticaster springMulticaster;
    private ThreadPoolTaskExecutor springExecutor;
    private LinkedBlockingQueue<BenchEvent> queue;
    private Thread queueConsumer;

    /** The Disruptor's pre-allocated slot. */
    static final class Holder {
        BenchEvent event;
    }

    private static final EventTranslatorOneArg<Holder, BenchEvent> TRANSLATOR = (holder, sequence, e) ->
            holder.event = e;

    /**
     * Starts every variant's consumer.
     *
     * @throws Exception if a listener method is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean yielding = waitStrategy.equals("yielding");
        Listener0 ringListener = new Listener0();
        ring = new EventDispatcher(List.of(ListenerDefinition.of("listener", ringListener,
                Listener0.class.getMethod("on", BenchEvent.class), 0, Delivery.ASYNC)), null, null,
                new AsyncSettings(CAPACITY, 1, yielding ? new YieldingWaitStrategy() : new BlockingWaitStrategy(),
                        OverflowPolicy.BLOCK, runnable -> daemon(runnable, "zerogc-consumer"),
                        (error, e, listener) -> { }));
        ring.start();

        Listener0 disruptorListener = new Listener0();
        disruptor = new Disruptor<>(Holder::new, CAPACITY, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                yielding ? new com.lmax.disruptor.YieldingWaitStrategy() : new com.lmax.disruptor.BlockingWaitStrategy());
        disruptor.handleEventsWith((holder, sequence, endOfBatch) -> {
            disruptorListener.on(holder.event);
            holder.event = null;
        });
        disruptor.start();

        Listener0 springListener = new Listener0();
        springExecutor = new ThreadPoolTaskExecutor();
        springExecutor.setCorePoolSize(1);
        springExecutor.setMaxPoolSize(1);
        springExecutor.setQueueCapacity(CAPACITY);
        springExecutor.setDaemon(true);
        springExecutor.setRejectedExecutionHandler(AsyncHandoffBenchmark::waitForRoom);
        springExecutor.initialize();
        springContext = new GenericApplicationContext();
        springContext.refresh();
        springMulticaster = new SimpleApplicationEventMulticaster();
        springMulticaster.setTaskExecutor(springExecutor);
        springMulticaster.addApplicationListener((PayloadApplicationEvent<BenchEvent> e) ->
                springListener.on(e.getPayload()));

        Listener0 queueListener = new Listener0();
        queue = new LinkedBlockingQueue<>(CAPACITY);
        queueConsumer = daemon(() -> {
            try {
                while (true) {
                    queueListener.on(queue.take());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "queue-consumer");
        queueConsumer.start();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Spring's executor has no blocking submit; this makes a full queue block the publisher, as the others do. */
    private static void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
        try {
            executor.getQueue().put(task);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops every consumer.
     *
     * @throws InterruptedException if interrupted while draining
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        ring.close(Duration.ofSeconds(10));
        disruptor.shutdown();
        springExecutor.shutdown();
        springContext.close();
        queueConsumer.interrupt();
    }

    /** zerogc-events: the starter's ring. */
    @Benchmark
    public void zeroGcRing() {
        ring.dispatch(event);
    }

    /** LMAX Disruptor 4 with the same wait strategy and a translator that stores the reference. */
    @Benchmark
    public void disruptor() {
        disruptor.getRingBuffer().publishEvent(TRANSLATOR, event);
    }

    /** Spring's multicaster with a one-thread ThreadPoolTaskExecutor (wraps the event, a task per event). */
    @Benchmark
    public void springExecutorMulticaster() {
        springMulticaster.multicastEvent(new PayloadApplicationEvent<>(springContext, event));
    }

    /** A plain bounded LinkedBlockingQueue handoff. */
    @Benchmark
    public void linkedBlockingQueue() throws InterruptedException {
        queue.put(event);
    }
}
