package io.zerogc.events.stats;

/**
 * The state of the asynchronous ring.
 *
 * @param capacity slots in the ring
 * @param remaining slots free now
 * @param highWaterMark the most slots in use at once: seen at the start of a consumer batch, or the whole
 *     ring when a publisher found it full
 * @param producerWaits times a publisher found the ring full and waited
 * @param consumerBatches batches delivered by all consumers
 * @param lag events published but not yet delivered by the slowest consumer
 * @param callerRuns events delivered on the publishing thread because the ring was full
 * @param deliveryLatency time from publish to the start of delivery on a consumer; {@code null} unless
 *     latency sampling is on
 */
public record RingStatistics(int capacity, long remaining, long highWaterMark, long producerWaits,
        long consumerBatches, long lag, long callerRuns, LatencyStatistics deliveryLatency) {
}
