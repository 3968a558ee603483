package io.zerogc.events.autoconfigure.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code zerogc.events.kafka.*}: which event types cross instances through Kafka. Connection, producer
 * and consumer settings are Spring Boot's {@code spring.kafka.*}.
 */
public class ZeroGcKafkaProperties {

    /**
     * Whether externalized types are sent to Kafka and inbound topics received (needs async.enabled).
     */
    private boolean enabled;

    /**
     * This instance's id, carried in every record's zerogc-origin header (a random UUID per start unless given).
     */
    private String instanceId = UUID.randomUUID().toString();

    /**
     * Whether records this instance sent itself are skipped when received, its listeners having had them.
     */
    private boolean skipOwnEvents = true;

    /**
     * Consumer group of the inbound topics, one per instance so that each receives every event ("zerogc-" and the instance id unless given).
     */
    private String groupId;

    /**
     * Records the relays' own buffer holds while the broker is slow or away; when it is full, records are dropped and counted per type and topic.
     */
    private int outboundBuffer = 16_384;

    /**
     * What the relays do when their buffer is full: drop the record at once, or block: wait for room up to outbound-block-timeout, then drop, without waiting again until a record goes in at once.
     */
    private OutboundOverflow outboundOverflow = OutboundOverflow.DROP;

    /**
     * The longest the relays' consumer waits for room in their buffer under outbound-overflow=block.
     */
    private Duration outboundBlockTimeout = Duration.ofMillis(200);

    /**
     * Whether the relays' sender flushes the producer when a ring batch of externalized events ends with nothing else waiting, instead of letting records linger (linger.ms) for more: a lower median latency at low rates for less throughput (see the README).
     */
    private boolean flushAtEndOfBatch;

    /**
     * Event types to send, by fully qualified class name in brackets, adding to and overriding @Externalized.
     */
    private final Map<String, Outbound> outbound = new LinkedHashMap<>();

    /**
     * Topics to receive, each with the fully qualified class name its records are published as.
     */
    private final Map<String, String> inbound = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public boolean isSkipOwnEvents() {
        return skipOwnEvents;
    }

    public void setSkipOwnEvents(boolean skipOwnEvents) {
        this.skipOwnEvents = skipOwnEvents;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    /**
     * The consumer group in force: the one given, or one of this instance's own.
     *
     * @return the group id
     */
    public String effectiveGroupId() {
        return groupId != null && !groupId.isBlank() ? groupId : "zerogc-" + instanceId;
    }

    public int getOutboundBuffer() {
        return outboundBuffer;
    }

    public void setOutboundBuffer(int outboundBuffer) {
        this.outboundBuffer = outboundBuffer;
    }

    public OutboundOverflow getOutboundOverflow() {
        return outboundOverflow;
    }

    public void setOutboundOverflow(OutboundOverflow outboundOverflow) {
        this.outboundOverflow = outboundOverflow;
    }

    public Duration getOutboundBlockTimeout() {
        return outboundBlockTimeout;
    }

    public void setOutboundBlockTimeout(Duration outboundBlockTimeout) {
        this.outboundBlockTimeout = outboundBlockTimeout;
    }

    public boolean isFlushAtEndOfBatch() {
        return flushAtEndOfBatch;
    }

    public void setFlushAtEndOfBatch(boolean flushAtEndOfBatch) {
        this.flushAtEndOfBatch = flushAtEndOfBatch;
    }

    public Map<String, Outbound> getOutbound() {
        return outbound;
    }

    public Map<String, String> getInbound() {
        return inbound;
    }

    /**
     * What the relays do with a record when their buffer is full.
     */
    public enum OutboundOverflow {
        /** Drop it at once: a broker's pace never holds back a ring consumer. */
        DROP,
        /** Wait for room, bounded, then drop: no loss from a broker slower than the events, if it keeps up in time. */
        BLOCK
    }

    /**
     * Where events of one type go.
     */
    public static class Outbound {

        /**
         * Topic the events are sent to.
         */
        private String topic;

        /**
         * Record key, "#{expression}" evaluated on the event (SpEL, as in @Externalized) or a fixed value.
         */
        private String key;

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }
    }
}
