package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Inbound;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * One received topic: publishes each record's event into the local bus, where relays never see it, and
 * counts every record as published, skipped (sent by this instance) or failed.
 */
final class InboundTopic implements MessageListener<Object, Object>, CommonErrorHandler {

    private static final Log logger = LogFactory.getLog(InboundTopic.class);

    private final String topic;
    private final Class<?> type;
    private final DispatchingEventPublisher publisher;
    /** This instance's origin header value when its own records are skipped; {@code null} otherwise. */
    private final byte[] skipOrigin;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong skippedOwn = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile MessageListenerContainer container;

    InboundTopic(String topic, Class<?> type, DispatchingEventPublisher publisher, byte[] skipOrigin) {
        this.topic = topic;
        this.type = type;
        this.publisher = publisher;
        this.skipOrigin = skipOrigin;
    }

    void attach(MessageListenerContainer container) {
        this.container = container;
    }

    MessageListenerContainer container() {
        return container;
    }

    String topic() {
        return topic;
    }

    @Override
    public void onMessage(ConsumerRecord<Object, Object> record) {
        received.incrementAndGet();
        if (skipOrigin != null) {
            Header origin = record.headers().lastHeader(KafkaOutbound.ORIGIN_HEADER);
            if (origin != null && Arrays.equals(origin.value(), skipOrigin)) {
                skippedOwn.incrementAndGet();
                return;
            }
        }
        Object event = record.value();
        if (!type.isInstance(event)) {
            throw new IllegalArgumentException("the record's value is " + (event == null ? "null"
                    : "a " + event.getClass().getName()) + ", not a " + type.getName());
        }
        publisher.publishReceived(event);
        published.incrementAndGet();
    }

    /** A record that could not be read or published: counted, logged, and passed over. */
    @Override
    public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
            MessageListenerContainer container) {
        if (!countedAsReceived(thrownException)) {
            received.incrementAndGet(); // not deserialized: the listener never saw it
        }
        failed.incrementAndGet();
        logger.warn("Could not publish the record at offset " + record.offset() + " of Kafka topic '" + topic
                + "' partition " + record.partition() + " as " + type.getName() + ": " + rootMessage(thrownException),
                thrownException);
        return true;
    }

    @Override
    public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
            MessageListenerContainer container, boolean batchListener) {
        logger.warn("Kafka consumer of topic '" + topic + "' failed: " + rootMessage(thrownException),
                thrownException);
    }

    /** Whether the failure arose in the listener (which counted the record) rather than before it. */
    private static boolean countedAsReceived(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.kafka.support.serializer.DeserializationException) {
                return false;
            }
        }
        return true;
    }

    /** The message of the innermost cause: what went wrong, under the wrappers' "Send failed". */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    Inbound statistics() {
        // Outcomes first: a record counted in one is always counted as received already.
        long publishedNow = published.get();
        long skipped = skippedOwn.get();
        long failedNow = failed.get();
        return new Inbound(topic, type.getName(), received.get(), publishedNow, skipped, failedNow, lag());
    }

    /** The consumer's records-lag summed over this topic's partitions, or {@code null} if not measured. */
    private Long lag() {
        MessageListenerContainer running = container;
        if (running == null || !running.isRunning()) {
            return null;
        }
        double sum = 0;
        boolean measured = false;
        for (Map<MetricName, ? extends Metric> metrics : running.metrics().values()) {
            for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
                MetricName name = entry.getKey();
                if (name.name().equals("records-lag") && topic.equals(name.tags().get("topic"))
                        && entry.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                    sum += value.doubleValue();
                    measured = true;
                }
            }
        }
        return measured ? (long) sum : null;
    }
}
