package io.zerogc.events.stats;

/**
 * Percentiles of a latency, in nanoseconds, since startup or the last reset.
 *
 * @param count values recorded
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max largest value (values over a minute are recorded as a minute)
 */
public record LatencyStatistics(long count, long p50, long p90, long p99, long p999, long max) {
}
