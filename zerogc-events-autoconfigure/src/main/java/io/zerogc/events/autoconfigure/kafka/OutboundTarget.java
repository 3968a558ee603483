package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Outbound;
import io.micrometer.observation.Observation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The relay of one externalized type: compiled as an asynchronous listener of the type, on the relays'
 * own consumer. There it evaluates the key and serializes the event (so a pooled event is written out
 * before it goes back to its pool) and offers the record to the {@link OutboundSender}'s buffer, which
 * never waits: a full buffer drops the record. The sender thread hands it to the producer.
 *
 * <p>Every event the relay took is exactly one of sent, failed, dropped or pending.
 */
final class OutboundTarget {

    private static final Log logger = LogFactory.getLog(OutboundTarget.class);
    /** At most one failure line per target this often; the count says how many there were. */
    private static final long LOG_EVERY_NANOS = 1_000_000_000L;

    private final Class<?> type;
    private final String topic;
    /** The key: a template expression on the event; {@code null} for no key. */
    private final Expression key;
    /** Where the expression is evaluated: by the relays' one consumer thread (or a caller-runs publisher). */
    private final EvaluationContext keyContext;
    private final boolean stringKeys;
    private final byte[] origin;
    private KafkaTemplate<Object, Object> template;
    /** The same producer, observed: sends a record inside the observation it carries. */
    private KafkaTemplate<Object, Object> observedTemplate;
    private Serializer<Object> values;
    private OutboundSender sender;

    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final BiConsumer<SendResult<Object, Object>, Throwable> completion = this::completed;
    /** Guarded by itself: the failure log's rate limit. */
    private final long[] lastLog = {System.nanoTime() - LOG_EVERY_NANOS, 0};
    /** Guarded by this: when sends started failing ({@code 0} while they succeed), and how many since. */
    private long failingSince;
    private long failuresInARow;

    OutboundTarget(Class<?> type, String topic, Expression key, EvaluationContext keyContext, boolean stringKeys,
            String instanceId) {
        this.type = type;
        this.topic = topic;
        this.key = key;
        this.keyContext = keyContext;
        this.stringKeys = stringKeys;
        this.origin = instanceId.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Where records go: the templates they are sent with, the value serializer, the sender thread.
     *
     * @param template sends records that carry no observation
     * @param observedTemplate sends records inside the observation they carry: its own observation, a child,
     *     puts the trace headers on the record
     */
    void sendThrough(KafkaTemplate<Object, Object> template, KafkaTemplate<Object, Object> observedTemplate,
            Serializer<Object> values, OutboundSender sender) {
        this.template = template;
        this.observedTemplate = observedTemplate;
        this.values = values;
        this.sender = sender;
    }

    Class<?> type() {
        return type;
    }

    String topic() {
        return topic;
    }

    /**
     * Takes one event: on the relays' consumer thread, which it never keeps waiting.
     *
     * @param event an event of the type (or a subtype)
     * @param endOfBatch whether it is the last of the consumer's batch: the sender may flush after it
     */
    void send(Object event, boolean endOfBatch) {
        taken.incrementAndGet();
        Object recordKey;
        try {
            recordKey = key == null ? null : key.getValue(keyContext, event);
        }
        catch (RuntimeException ex) {
            failed("its key " + key.getExpressionString() + " could not be evaluated", ex);
            return;
        }
        if (stringKeys && recordKey != null) {
            recordKey = recordKey.toString();
        }
        byte[] value;
        try {
            value = values.serialize(topic, event);
        }
        catch (RuntimeException ex) {
            failed("it could not be serialized", ex);
            return;
        }
        if (!sender.offer(this, recordKey, value, endOfBatch)) {
            dropped.incrementAndGet(); // the sender thread reports drops, once a second
        }
    }

    /**
     * Hands a record to the producer: on the sender thread, which the producer may keep waiting.
     *
     * @param observation the publisher's observation the record is sent in; {@code null} for none
     */
    void transmit(Object recordKey, byte[] value, Observation observation) {
        try {
            RecordHeaders headers = new RecordHeaders();
            headers.add(KafkaOutbound.ORIGIN_HEADER, origin);
            ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, null, null, recordKey, value, headers);
            if (observation == null) {
                template.send(record).whenComplete(completion);
            }
            else {
                Observation.Scope scope = observation.openScope();
                try {
                    observedTemplate.send(record).whenComplete(completion);
                }
                finally {
                    scope.close();
                }
            }
        }
        catch (RuntimeException ex) { // the producer gave up waiting (max.block.ms), or is closed
            failed.incrementAndGet();
            sendsFail(ex);
        }
    }

    private void completed(SendResult<Object, Object> result, Throwable failure) {
        if (failure == null) {
            sent.incrementAndGet();
            sendsSucceed();
        }
        else {
            failed.incrementAndGet();
            sendsFail(failure);
        }
    }

    /** A send failed: told once, when sends to the topic start failing (the broker is away, say). */
    private synchronized void sendsFail(Throwable failure) {
        failuresInARow++;
        if (failingSince == 0) {
            failingSince = System.nanoTime();
            logger.warn("Could not send " + type.getName() + " to Kafka topic '" + topic + "' ("
                    + InboundTopic.rootMessage(failure) + "): sends to it are failing. Each failure is counted in"
                    + " externalizeFailed, records wait in the relays' buffer and are dropped when it is full;"
                    + " other listeners are not affected. One line follows when sends succeed again.");
        }
    }

    private synchronized void sendsSucceed() {
        if (failingSince != 0) {
            logger.warn("Sends of " + type.getName() + " to Kafka topic '" + topic + "' succeed again, after "
                    + failuresInARow + " failed in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failingSince)
                    + " ms");
            failingSince = 0;
        }
        failuresInARow = 0;
    }

    /** Whether sends to the topic are failing now. */
    synchronized boolean failing() {
        return failingSince != 0;
    }

    /** A record still in the buffer when the sender stopped. */
    void failedAtShutdown() {
        failed.incrementAndGet();
    }

    /** A failure of the event itself (key, serialization): logged with type and topic, once a second at most. */
    private void failed(String what, Throwable failure) {
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
        logger.warn("Could not send " + type.getName() + " to Kafka topic '" + topic + "': " + what + " ("
                + count + " failed so far" + (since > 0 ? ", " + since + " of them not logged" : "") + "): "
                + InboundTopic.rootMessage(failure), failure);
    }

    /** Events taken and not yet sent, failed nor dropped: in the relays' buffer or with the producer. */
    long pending() {
        long done = sent.get() + failed.get() + dropped.get(); // read before taken: never more than taken
        return taken.get() - done;
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return dropped.get();
    }

    Outbound statistics() {
        long externalized = sent.get();
        long externalizeFailed = failed.get();
        long drops = dropped.get();
        return new Outbound(type.getName(), topic, externalized, externalizeFailed, drops,
                taken.get() - externalized - externalizeFailed - drops);
    }
}
