package io.zerogc.events.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Latency statistics stay small and current: a bounded footprint per recorder, percentiles over a
 * recent window.
 */
class LatencyRecorderTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void aRecorderTakesAboutTwentyEightKilobytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<LatencyRecorder> recorders = new ArrayList<>();
        new LatencyRecorder().statistics(); // classes loaded and initialised outside the measurement
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorder.record(1_000);
            recorder.statistics(); // the interval histogram exists only after a first read
            recorders.add(recorder);
        }
        long perRecorder = (threads.getCurrentThreadAllocatedBytes() - before) / recorders.size();

        // Six histograms of one significant digit over a minute of nanoseconds, and their snapshots.
        assertThat(perRecorder).isBetween(20_000L, 40_000L);
    }

    @Test
    void percentilesCoverTheLastMinuteSoASlowSpellPasses() {
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1), clock::get);
        for (int i = 0; i < 1_000; i++) {
            recorder.record(TimeUnit.MILLISECONDS.toNanos(10));
        }
        LatencyStatistics slow = recorder.statistics();
        assertThat(slow.count()).isEqualTo(1_000);
        assertThat((double) slow.p99()).isCloseTo(10_000_000, within(1_000_000.0)); // one digit: within 10%

        advance(Duration.ofSeconds(30));
        for (int i = 0; i < 1_000; i++) {
            recorder.record(1_000);
        }
        assertThat(recorder.statistics().count()).isEqualTo(2_000); // both spells are in the window

        advance(Duration.ofSeconds(40));
        LatencyStatistics recovered = recorder.statistics();
        assertThat(recovered.count()).isEqualTo(1_000);
        assertThat((double) recovered.p99()).isCloseTo(1_000, within(100.0));

        advance(Duration.ofMinutes(2));
        assertThat(recorder.statistics().count()).isZero();
    }

    @Test
    void resetForgetsEverything() {
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1), clock::get);
        recorder.record(5_000);
        recorder.statistics();
        recorder.record(5_000);

        recorder.reset();

        assertThat(recorder.statistics().count()).isZero();
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }
}
