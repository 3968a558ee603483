package io.zerogc.bench;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.zerogc.events.Delivery;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.ring.YieldingWaitStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * A listener that writes each event to a buffered sink (16 bytes into a direct buffer, written to
 * {@code /dev/null} through a {@code FileChannel}: a system call per write) and flushes either after
 * every event or at the end of each batch, through the engine ({@code boolean endOfBatch}) and through
 * the LMAX Disruptor ({@code EventHandler}'s {@code endOfBatch}), one consumer each, yielding waits,
 * 4,096 slots, publishers blocked when full.
 *
 * <p>Two measures per variant: the most events per second a publisher gets through in {@code --seconds}
 * (it publishes as fast as it can), and the latency at fixed rates from the time an event was meant to be
 * published to the end of the write that carried it (p50, p99). After one unmeasured round of every
 * variant, each runs {@code --repeat} times on a fresh ring, the variants' order turned each round; prints {@code key: value} lines, the median of the runs, then each run's value (a p99 on two
 * cores shared by a spinning publisher and the consumer swings with every stall of the machine).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.zerogc.bench.BatchFlushHarness [--seconds=5]
 * [--warmup-seconds=2] [--rates=200000,1000000] [--repeat=3]}
 */
public final class BatchFlushHarness {

    private static final int CAPACITY = 4096;
    private static final int EVENTS = 1 << 16;
    private static final int RECORD = 16;

    private BatchFlushHarness() {
    }

    /**
     * Runs every variant.
     *
     * @param args the options
     * @throws Exception if a peer fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int warmup = 2;
        int[] rates = {200_000, 1_000_000};
        int repeat = 3;
        for (String arg : args) {
            if (arg.startsWith("--repeat=")) {
                repeat = Integer.parseInt(arg.substring("--repeat=".length()));
                continue;
            }
            if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring("--seconds=".length()));
            }
            else if (arg.startsWith("--warmup-seconds=")) {
                warmup = Integer.parseInt(arg.substring("--warmup-seconds=".length()));
            }
            else if (arg.startsWith("--rates=")) {
                rates = java.util.Arrays.stream(arg.substring("--rates=".length()).split(","))
                        .mapToInt(Integer::parseInt).toArray();
            }
            else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        System.out.println("flush-rates: " + java.util.Arrays.toString(rates).replaceAll("[\\[\\] ]", ""));
        System.out.println("flush-repeats: " + repeat);
        String[] variants = {"zerogc event", "zerogc batch", "disruptor event", "disruptor batch"};
        double[][] perSecond = new double[variants.length][repeat];
        double[][] writesPerEvent = new double[variants.length][repeat];
        double[][][] p50 = new double[variants.length][rates.length][repeat];
        double[][][] p99 = new double[variants.length][rates.length][repeat];
        // A round of every variant first, unmeasured: the JIT's work on two cores must not land on whichever
        // variant runs first. Then the measured rounds, the order turned by one each round.
        for (int round = -1; round < repeat; round++) {
            for (int turn = 0; turn < variants.length; turn++) {
                int v = (turn + Math.max(0, round)) % variants.length;
                String[] parts = variants[v].split(" ");
                Sink sink = new Sink(parts[1].equals("event"));
                Peer running = start(parts[0], sink);
                try {
                    publish(running.publisher(), 0, warmup);
                    sink.awaitAndReset(running.published());
                    if (round < 0) {
                        continue;
                    }
                    long started = System.nanoTime();
                    long published = publish(running.publisher(), 0, seconds);
                    sink.awaitAndReset(running.published());
                    perSecond[v][round] = published / ((System.nanoTime() - started) / 1e9);
                    writesPerEvent[v][round] = sink.lastWrites / (double) sink.lastEvents;
                    for (int i = 0; i < rates.length; i++) {
                        publish(running.publisher(), rates[i], warmup);
                        sink.awaitAndReset(running.published());
                        publish(running.publisher(), rates[i], seconds);
                        Histogram latency = sink.awaitAndReset(running.published());
                        p50[v][i][round] = latency.getValueAtPercentile(50) / 1e3;
                        p99[v][i][round] = latency.getValueAtPercentile(99) / 1e3;
                    }
                }
                finally {
                    running.closer().close();
                }
            }
        }
        for (int v = 0; v < variants.length; v++) {
            String variant = variants[v].replace(" ", " flush=");
            print("flush-events-per-second " + variant, perSecond[v], "%.0f");
            print("flush-writes-per-event " + variant, writesPerEvent[v], "%.4f");
            for (int i = 0; i < rates.length; i++) {
                print("flush-p50-us " + variant + " rate=" + rates[i], p50[v][i], "%.1f");
                print("flush-p99-us " + variant + " rate=" + rates[i], p99[v][i], "%.1f");
            }
        }
    }

    /** The median of the repeats, then every repeat's value. */
    private static void print(String key, double[] values, String format) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        StringBuilder all = new StringBuilder();
        for (double value : values) {
            all.append(all.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, format, value));
        }
        System.out.println(key + ": " + String.format(Locale.ROOT, format, sorted[sorted.length / 2]));
        System.out.println(key + " (each run): " + all);
    }

    /** The sink and its latency record; written by the one consumer thread. */
    static final class Sink {

        private final boolean perEvent;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        private final long[] pending = new long[64 * 1024 / RECORD];
        private final FileChannel out;
        private int pendingCount;
        private volatile Histogram histogram = new Histogram(60_000_000_000L, 3);
        private long writes;
        volatile long delivered;
        long lastWrites;
        long lastEvents;

        Sink(boolean perEvent) throws IOException {
            this.perEvent = perEvent;
            this.out = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
        }

        /** One event: buffered, and written out per event or at the end of the batch. */
        void take(BenchEvent event, boolean endOfBatch) {
            buffer.putLong(event.value).putLong(event.intendedNanos);
            pending[pendingCount++] = event.intendedNanos;
            if (perEvent || endOfBatch || buffer.remaining() < RECORD) {
                flush();
            }
        }

        private void flush() {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            buffer.clear();
            writes++;
            long now = System.nanoTime();
            for (int i = 0; i < pendingCount; i++) {
                long intended = pending[i];
                histogram.recordValue(Math.min(60_000_000_000L, Math.max(0, intended == 0 ? 0 : now - intended)));
            }
            delivered = delivered + pendingCount;
            pendingCount = 0;
        }

        /** Waits for everything published to be written, then starts the record afresh. */
        Histogram awaitAndReset(long[] published) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (delivered < published[0] && System.nanoTime() < deadline) {
                Thread.sleep(1); // the harness waiting for a drain it measures nothing of; not a test
            }
            Histogram done = histogram;
            lastWrites = writes;
            lastEvents = Math.max(1, done.getTotalCount());
            histogram = new Histogram(60_000_000_000L, 3); // the consumer is idle: nothing is in flight
            writes = 0;
            return done;
        }
    }

    /** The engine's listener: the sink, told where the batch ends. */
    public static final class EngineListener {

        private final Sink sink;

        EngineListener(Sink sink) {
            this.sink = sink;
        }

        /**
         * Takes one event.
         *
         * @param event the event
         * @param endOfBatch whether it is the last of the batch
         */
        public void on(BenchEvent event, boolean endOfBatch) {
            sink.take(event, endOfBatch);
        }
    }

    private record Peer(Consumer<BenchEvent> publisher, long[] published, AutoCloseable closer) {
    }

    private static final class Slot {
        BenchEvent event;
    }

    private static final EventTranslatorOneArg<Slot, BenchEvent> TRANSLATOR = (slot, sequence, event) ->
            slot.event = event;

    private static Peer start(String peer, Sink sink) throws NoSuchMethodException {
        long[] published = new long[1];
        if (peer.equals("zerogc")) {
            EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("sink",
                    new EngineListener(sink), EngineListener.class.getMethod("on", BenchEvent.class, boolean.class), 0,
                    Delivery.ASYNC)), DispatcherSettings.defaults().withAsync(new AsyncSettings(CAPACITY, 1,
                    new YieldingWaitStrategy(), OverflowPolicy.BLOCK, DaemonThreadFactory.INSTANCE,
                    (error, event, listener) -> { })));
            dispatcher.start();
            return new Peer(event -> {
                dispatcher.dispatch(event);
                published[0]++;
            }, published, () -> dispatcher.close(Duration.ofSeconds(10)));
        }
        Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, CAPACITY, DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, new com.lmax.disruptor.YieldingWaitStrategy());
        disruptor.handleEventsWith((slot, sequence, endOfBatch) -> {
            sink.take(slot.event, endOfBatch);
            slot.event = null;
        });
        disruptor.start();
        return new Peer(event -> {
            disruptor.getRingBuffer().publishEvent(TRANSLATOR, event);
            published[0]++;
        }, published, disruptor::shutdown);
    }

    /**
     * Publishes for the given time: at a fixed rate (each event carrying the time it was meant to go), or
     * as fast as the peer takes them when the rate is 0.
     *
     * @return how many events were published
     */
    private static long publish(Consumer<BenchEvent> publisher, int rate, int seconds) {
        BenchEvent[] events = new BenchEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = new BenchEvent();
        }
        long start = System.nanoTime() + 1_000_000;
        long deadline = start + seconds * 1_000_000_000L;
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long i = 0;
        for (; (i & 1023) != 0 || System.nanoTime() < deadline; i++) {
            long intended = rate > 0 ? start + i * interval : 0;
            while (rate > 0 && System.nanoTime() < intended) {
                Thread.onSpinWait();
            }
            BenchEvent event = events[(int) (i & (EVENTS - 1))];
            event.intendedNanos = intended;
            publisher.accept(event);
        }
        return i;
    }
}
