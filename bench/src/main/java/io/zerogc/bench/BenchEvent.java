package io.zerogc.bench;

/**
 * The event every benchmark publishes; reused, so the benchmarks measure dispatch, not {@code new}.
 */
public final class BenchEvent {

    /** A value the listeners add up. */
    public long value = 1;

    /** When the latency harness meant to publish it ({@link System#nanoTime()}). */
    public long intendedNanos;
}
