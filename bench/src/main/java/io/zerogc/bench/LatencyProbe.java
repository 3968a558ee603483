package io.zerogc.bench;

import io.zerogc.events.ZeroGcListener;
import org.HdrHistogram.Histogram;

/**
 * The last listener of the latency harness: records publish-to-delivery time, from the time the event
 * was meant to be published (so a publisher that falls behind shows up in the figures: no coordinated
 * omission). Runs on the single consumer thread only.
 */
public class LatencyProbe {

    final Histogram histogram = new Histogram(60_000_000_000L, 3);
    volatile long delivered;

    /**
     * Records one delivery.
     *
     * @param event the event
     */
    @ZeroGcListener
    public void on(BenchEvent event) {
        histogram.recordValue(Math.min(60_000_000_000L, Math.max(0, System.nanoTime() - event.intendedNanos)));
        delivered = delivered + 1;
    }
}
