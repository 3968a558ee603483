package io.zerogc.events.autoconfigure.kafka;

import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Inbound;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The inbound side: one listener container per received topic. Starts once asynchronous delivery runs
 * and stops before it drains, so that nothing is received into a closed ring.
 *
 * <p>With the publisher's context propagated to asynchronous listeners, the containers observe each
 * record: spring-kafka's listener observation continues the trace its headers carry, and the received
 * event is published inside it, so its listeners, synchronous and asynchronous, run in the sender's trace.
 */
final class KafkaInbound implements SmartLifecycle {

    private final List<InboundTopic> topics;
    /** The registry records are observed in, resolved at start; {@code null} when traces are not continued. */
    private final Supplier<ObservationRegistry> observations;

    KafkaInbound(List<InboundTopic> topics, Supplier<ObservationRegistry> observations) {
        this.topics = List.copyOf(topics);
        this.observations = observations;
    }

    List<InboundTopic> topics() {
        return topics;
    }

    List<Inbound> statistics() {
        return topics.stream().map(InboundTopic::statistics).toList();
    }

    @Override
    public void start() {
        if (observations != null) {
            ObservationRegistry registry = observations.get();
            for (InboundTopic topic : topics) {
                topic.container().getContainerProperties().setObservationEnabled(true);
                topic.container().getContainerProperties().setObservationRegistry(registry);
            }
        }
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
