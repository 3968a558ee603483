package io.zerogc.bench;

/**
 * The figures of the design study this project grew out of, stated once: what it measured, with how
 * many listeners and on how many cores. The harness offers the study's rate; the report quotes the rest.
 */
final class DesignStudy {

    /** Events per second the study sustained. */
    static final double RATE = 2_170_000;
    /** Asynchronous listeners in the study's scenario. */
    static final int LISTENERS = 500;
    /** The study's p99, in microseconds. */
    static final double P99_MICROS = 86;
    /** Cores of the study's machine. */
    static final int CORES = 16;

    private DesignStudy() {
    }

    /** The study's figure, as the report quotes it. */
    static String figure() {
        return String.format(java.util.Locale.ROOT, "%.2f M events/s with %d listeners, P99 %.0f us, on %d cores",
                RATE / 1e6, LISTENERS, P99_MICROS, CORES);
    }
}
