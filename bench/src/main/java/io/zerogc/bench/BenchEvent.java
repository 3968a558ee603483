package io.zerogc.bench;

/**
 * The event every benchmark publishes; reused, so the benchmarks measure dispatch, not {@code new}.
 */
public final class BenchEvent {

    /** A value the listeners add up. */
    public long value = 1;
}
