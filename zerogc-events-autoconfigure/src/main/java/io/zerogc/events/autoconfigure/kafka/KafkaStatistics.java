package io.zerogc.events.autoconfigure.kafka;

import java.util.List;

/**
 * What crossed instances through Kafka, for the {@code zerogcevents} endpoint.
 *
 * @param instanceId this instance's id, as carried in the {@code zerogc-origin} header
 * @param outbound per externalized type and topic
 * @param inbound per received topic
 */
public record KafkaStatistics(String instanceId, List<Outbound> outbound, List<Inbound> inbound) {

    /**
     * One externalized type and its topic. Every event the relay took is exactly one of
     * {@code externalized}, {@code externalizeFailed}, {@code dropped} or {@code pending}; events the ring
     * dropped before the relay saw them are the type's own {@code dropped}.
     *
     * @param type the event type, fully qualified
     * @param topic its topic
     * @param externalized events the broker acknowledged
     * @param externalizeFailed events that could not be sent: the key or serialization failed, or the
     *     producer gave up (broker down past its timeouts, unknown topic, closed at shutdown)
     * @param dropped events dropped because the relays' buffer ({@code zerogc.events.kafka.outbound-buffer})
     *     was full: the broker was slower than the events came, or away
     * @param pending events in the relays' buffer or with the producer, not yet acknowledged nor failed:
     *     the outbound lag
     */
    public record Outbound(String type, String topic, long externalized, long externalizeFailed, long dropped,
            long pending) {
    }

    /**
     * One received topic. Every record received is exactly one of {@code published}, {@code skippedOwn}
     * or {@code failed}.
     *
     * @param topic the topic
     * @param type the event type its records are read as, fully qualified
     * @param received records the consumer received
     * @param published events published into the local bus
     * @param skippedOwn records this instance had sent itself, skipped
     * @param failed records that could not be read as the type, or whose publishing failed
     * @param lag records on the broker not yet received (the consumer's {@code records-lag}, summed over
     *     partitions); {@code null} before the consumer has measured it
     */
    public record Inbound(String topic, String type, long received, long published, long skippedOwn, long failed,
            Long lag) {
    }
}
