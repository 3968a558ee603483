package io.zerogc.events.stats;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from any number of threads into a pre-allocated HdrHistogram {@link Recorder}:
 * wait-free and allocation-free for writers. Readers swap out interval histograms and add them up.
 */
public final class LatencyRecorder {

    /** Values are clamped to a minute, so recording never resizes (and never allocates). */
    static final long HIGHEST = TimeUnit.MINUTES.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(HIGHEST, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds; negative values count as 0
     */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST)));
    }

    /**
     * The percentiles of everything recorded so far.
     *
     * @return the statistics
     */
    public synchronized LatencyStatistics statistics() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return new LatencyStatistics(total.getTotalCount(), total.getValueAtPercentile(50),
                total.getValueAtPercentile(90), total.getValueAtPercentile(99), total.getValueAtPercentile(99.9),
                total.getMaxValue());
    }

    /**
     * Forgets everything recorded so far.
     */
    public synchronized void reset() {
        interval = recorder.getIntervalHistogram(interval);
        total.reset();
    }
}
