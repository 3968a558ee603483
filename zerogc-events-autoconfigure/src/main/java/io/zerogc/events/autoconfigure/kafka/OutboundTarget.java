package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Outbound;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The relay of one externalized type: compiled as an asynchronous listener of the type, it sends each
 * event to the type's topic from the ring consumer thread it runs on. The producer serializes the
 * event before {@code send} returns, so a pooled event is written out before it goes back to its pool.
 */
final class OutboundTarget {

    private static final Log logger = LogFactory.getLog(OutboundTarget.class);
    /** At most one failure line per target this often; the count says how many there were. */
    private static final long LOG_EVERY_NANOS = 1_000_000_000L;

    private final Class<?> type;
    private final String topic;
    /** The key: a template expression on the event; {@code null} for no key. */
    private final Expression key;
    /** Where the expression is evaluated: used by this relay's one consumer thread only. */
    private final EvaluationContext keyContext;
    private final boolean stringKeys;
    private final byte[] origin;
    private KafkaTemplate<Object, Object> template;

    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final BiConsumer<SendResult<Object, Object>, Throwable> completion = this::completed;
    /** Guarded by itself: the failure log's rate limit. */
    private final long[] lastLog = {System.nanoTime() - LOG_EVERY_NANOS, 0};

    OutboundTarget(Class<?> type, String topic, Expression key, EvaluationContext keyContext, boolean stringKeys,
            String instanceId) {
        this.type = type;
        this.topic = topic;
        this.key = key;
        this.keyContext = keyContext;
        this.stringKeys = stringKeys;
        this.origin = instanceId.getBytes(StandardCharsets.UTF_8);
    }

    void useTemplate(KafkaTemplate<Object, Object> template) {
        this.template = template;
    }

    Class<?> type() {
        return type;
    }

    String topic() {
        return topic;
    }

    /**
     * Sends one event; called by the ring consumer thread the relay is assigned to.
     *
     * @param event an event of the type (or a subtype)
     */
    void send(Object event) {
        taken.incrementAndGet();
        try {
            Object recordKey = key == null ? null : key.getValue(keyContext, event);
            if (stringKeys && recordKey != null) {
                recordKey = recordKey.toString();
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(KafkaOutbound.ORIGIN_HEADER, origin);
            template.send(new ProducerRecord<>(topic, null, null, recordKey, event, headers)).whenComplete(completion);
        }
        catch (RuntimeException ex) { // serialization, key expression, producer closed: nothing was sent
            failed(ex);
        }
    }

    private void completed(SendResult<Object, Object> result, Throwable failure) {
        if (failure == null) {
            sent.incrementAndGet();
        }
        else {
            failed(failure);
        }
    }

    private void failed(Throwable failure) {
        long count = failed.incrementAndGet();
        long now = System.nanoTime();
        long since;
        synchronized (lastLog) {
            if (now - lastLog[0] < LOG_EVERY_NANOS) {
                lastLog[1]++;
                return;
            }
            since = lastLog[1];
            lastLog[0] = now;
            lastLog[1] = 0;
        }
        logger.warn("Could not send " + type.getName() + " to Kafka topic '" + topic + "' (" + count
                + " failed so far" + (since > 0 ? ", " + since + " of them not logged" : "") + "): "
                + InboundTopic.rootMessage(failure), failure);
    }

    /** Events taken and not yet acknowledged nor failed. */
    long pending() {
        long done = sent.get() + failed.get(); // read before taken: never more than taken
        return taken.get() - done;
    }

    long failed() {
        return failed.get();
    }

    Outbound statistics() {
        long externalized = sent.get();
        long externalizeFailed = failed.get();
        return new Outbound(type.getName(), topic, externalized, externalizeFailed,
                taken.get() - externalized - externalizeFailed);
    }
}
