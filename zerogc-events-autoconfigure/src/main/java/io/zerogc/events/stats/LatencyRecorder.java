package io.zerogc.events.stats;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from any number of threads into a pre-allocated HdrHistogram {@link Recorder}
 * (wait-free and allocation-free for writers), and reports percentiles over a recent window rather
 * than since startup, so that a p99 recovers once a slow spell is over.
 *
 * <p>The window is kept as Micrometer's {@code TimeWindowPercentileHistogram} keeps one: {@value #BUFFERS}
 * histograms, each rotated out and cleared in turn every third of the window; a read adds what was
 * recorded since the previous read to each, and reports the oldest, which holds the last two to three
 * thirds of the window. Values keep one significant digit (within 10%), as Micrometer's percentiles do
 * by default, which keeps a recorder at about {@value #FOOTPRINT_KIB} KiB.
 */
public final class LatencyRecorder {

    /** Values are clamped to a minute, so recording never resizes (and never allocates). */
    static final long HIGHEST = TimeUnit.MINUTES.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 1;
    private static final int BUFFERS = 3;
    /** Six histograms of about 4.7 KiB: the recorder's two, the interval read out, the window's three. */
    static final int FOOTPRINT_KIB = 28;

    private final Recorder recorder = new Recorder(HIGHEST, SIGNIFICANT_DIGITS);
    private final Histogram[] window = new Histogram[BUFFERS];
    private final long rotationNanos;
    private final LongSupplier clock;
    /** Guarded by this: the buffer reported, the oldest, and when it is next cleared. */
    private int oldest;
    private long nextRotation;
    private Histogram interval;

    /**
     * A recorder whose percentiles cover the last minute or so (40 to 60 seconds).
     */
    public LatencyRecorder() {
        this(Duration.ofMinutes(1), System::nanoTime);
    }

    /**
     * A recorder with a window and a clock of the caller's (a fake clock, to step through rotations).
     *
     * @param window how far back percentiles look, at most
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public LatencyRecorder(Duration window, LongSupplier clock) {
        this.rotationNanos = window.toNanos() / BUFFERS;
        this.clock = clock;
        for (int i = 0; i < BUFFERS; i++) {
            this.window[i] = new Histogram(HIGHEST, SIGNIFICANT_DIGITS);
        }
        this.nextRotation = clock.getAsLong() + rotationNanos;
    }

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds; negative values count as 0
     */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST)));
    }

    /**
     * The percentiles of what was recorded within the window.
     *
     * @return the statistics; {@code count} is the number of values in the window
     */
    public synchronized LatencyStatistics statistics() {
        catchUp();
        Histogram current = window[oldest];
        return new LatencyStatistics(current.getTotalCount(), current.getValueAtPercentile(50),
                current.getValueAtPercentile(90), current.getValueAtPercentile(99),
                current.getValueAtPercentile(99.9), current.getMaxValue());
    }

    /**
     * Forgets everything recorded so far.
     */
    public synchronized void reset() {
        interval = recorder.getIntervalHistogram(interval);
        for (Histogram buffer : window) {
            buffer.reset();
        }
    }

    /** Rotates out the buffers whose time is over, then adds what was recorded since the last read. */
    private void catchUp() {
        long now = clock.getAsLong();
        if (now - nextRotation >= BUFFERS * rotationNanos) {
            for (Histogram buffer : window) {
                buffer.reset(); // not read for a whole window: nothing in it is recent
            }
            nextRotation = now + rotationNanos;
        }
        while (now - nextRotation >= 0) {
            window[oldest].reset();
            oldest = (oldest + 1) % BUFFERS;
            nextRotation += rotationNanos;
        }
        interval = recorder.getIntervalHistogram(interval);
        for (Histogram buffer : window) {
            buffer.add(interval);
        }
    }
}
