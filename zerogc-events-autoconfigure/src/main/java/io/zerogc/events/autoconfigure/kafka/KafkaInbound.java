package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Inbound;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The inbound side: one listener container per received topic. Starts once asynchronous delivery runs
 * and stops before it drains, so that nothing is received into a closed ring.
 */
final class KafkaInbound implements SmartLifecycle {

    private final List<InboundTopic> topics;

    KafkaInbound(List<InboundTopic> topics) {
        this.topics = List.copyOf(topics);
    }

    List<InboundTopic> topics() {
        return topics;
    }

    List<Inbound> statistics() {
        return topics.stream().map(InboundTopic::statistics).toList();
    }

    @Override
    public void start() {
        topics.forEach(topic -> topic.container().start());
    }

    @Override
    public void stop() {
        topics.forEach(topic -> topic.container().stop());
    }

    @Override
    public boolean isRunning() {
        return topics.stream().map(InboundTopic::container).anyMatch(MessageListenerContainer::isRunning);
    }

    @Override
    public int getPhase() {
        return KafkaEventsAutoConfiguration.RING_PHASE + 1;
    }
}
