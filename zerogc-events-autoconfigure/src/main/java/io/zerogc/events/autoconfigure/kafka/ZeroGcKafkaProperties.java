package io.zerogc.events.autoconfigure.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code zerogc.events.kafka.*}: which event types cross instances through Kafka. Connection, producer
 * and consumer settings are Spring Boot's {@code spring.kafka.*}.
 */
public class ZeroGcKafkaProperties {

    /**
     * Whether events cross instances through Kafka: externalized types are sent, inbound topics are
     * received. Needs zerogc.events.async.enabled=true: events are sent from a ring consumer thread.
     */
    private boolean enabled;

    /**
     * This instance's name, carried in every record's zerogc-origin header so that it can recognise
     * its own events. A random UUID per start unless given.
     */
    private String instanceId = UUID.randomUUID().toString();

    /**
     * Whether records this instance sent itself are skipped when received: its local listeners had
     * them already.
     */
    private boolean skipOwnEvents = true;

    /**
     * Consumer group of the inbound topics. Each instance needs a group of its own to receive every
     * event (a shared group splits the events among instances): "zerogc-" followed by the instance
     * id unless given.
     */
    private String groupId;

    /**
     * Event types to send, by fully qualified class name in brackets, each with its topic and an
     * optional key ("#{expression}" on the event, or a fixed value). Adds to, and overrides, types
     * annotated with Spring Modulith's @Externalized.
     */
    private Map<String, Outbound> outbound = new LinkedHashMap<>();

    /**
     * Topics to receive, each with the fully qualified class name of the event its records hold:
     * received events are published into the local bus (and never sent back out).
     */
    private Map<String, String> inbound = new LinkedHashMap<>();

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

    public Map<String, Outbound> getOutbound() {
        return outbound;
    }

    public void setOutbound(Map<String, Outbound> outbound) {
        this.outbound = outbound;
    }

    public Map<String, String> getInbound() {
        return inbound;
    }

    public void setInbound(Map<String, String> inbound) {
        this.inbound = inbound;
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
         * Record key: "#{expression}" evaluated on the event (a SpEL expression, as in Spring
         * Modulith's @Externalized), or a fixed value; none when empty.
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
