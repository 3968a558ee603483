package io.zerogc.events.autoconfigure.kafka;

import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.autoconfigure.RelayContributor;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Outbound;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The outbound side: one relay per externalized type, contributed to the compiled listeners, their own
 * bounded buffer and sender thread ({@link OutboundSender}), and the producer they share. Stops after
 * asynchronous delivery has drained the ring: sends what the buffer and the producer hold within the
 * shutdown timeout, and reports per type and topic what was not sent, in the words true at that moment
 * (stopped: sending resumes on start; closed: lost).
 *
 * <p>With the publisher's context propagated to asynchronous listeners, a record is sent inside the
 * observation its event was published in: spring-kafka's template observation, a child of it, puts the
 * trace headers on the record, so the receiving instance continues the trace.
 */
final class KafkaOutbound implements RelayContributor, SmartLifecycle, DisposableBean {

    /** The header naming the instance that sent a record. */
    static final String ORIGIN_HEADER = "zerogc-origin";

    private static final Log logger = LogFactory.getLog(KafkaOutbound.class);
    private static final Method SEND;

    static {
        try {
            SEND = OutboundTarget.class.getDeclaredMethod("send", Object.class, boolean.class);
        }
        catch (NoSuchMethodException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final List<OutboundTarget> targets;
    private final ProducerFactory<Object, Object> producerFactory;
    private final KafkaTemplate<Object, Object> template;
    /** Observed sends, for records that carry an observation; {@code null} when traces are not carried. */
    private final KafkaTemplate<Object, Object> observedTemplate;
    /** The application's observation registry, resolved at start; {@code null} when traces are not carried. */
    private final Supplier<ObservationRegistry> observations;
    private final OutboundSender sender;
    private final Duration shutdownTimeout;
    private final ConfigurableApplicationContext context;
    private volatile boolean running;

    /**
     * @param producer the relays' own producer factory (values already serialized), closed at stop, and
     *     their serializer
     * @param properties the relays' buffer: its size, its overflow policy
     * @param context tells whether a stop is the context closing
     * @param observations the registry records are observed in, resolved at start; {@code null} to send
     *     records without trace headers
     */
    KafkaOutbound(List<OutboundTarget> targets, RelayProducer producer, ZeroGcKafkaProperties properties,
            Duration shutdownTimeout, ConfigurableApplicationContext context, Supplier<ObservationRegistry> observations) {
        this.targets = List.copyOf(targets);
        this.producerFactory = producer.factory();
        this.shutdownTimeout = shutdownTimeout;
        this.context = context;
        this.observations = observations;
        this.template = template(producerFactory);
        this.observedTemplate = observations == null ? null : template(producerFactory); // the same producer
        this.sender = new OutboundSender(properties.getOutboundBuffer(), this.targets,
                properties.getOutboundOverflow() == ZeroGcKafkaProperties.OutboundOverflow.BLOCK,
                properties.getOutboundBlockTimeout(), properties.isFlushAtEndOfBatch() ? template::flush : null);
        this.targets.forEach(target -> target.sendThrough(template, observedTemplate, producer.values(), sender));
    }

    private static KafkaTemplate<Object, Object> template(ProducerFactory<Object, Object> producerFactory) {
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(producerFactory);
        // The default listener logs failed records' values from the producer's thread: the relays report
        // failures themselves, with type and topic.
        template.setProducerListener(new ProducerListener<>() { });
        return template;
    }

    @Override
    public List<Relay> relays() {
        return targets.stream().map(target -> new Relay("kafka:" + target.topic(), target, SEND, target.type()))
                .toList();
    }

    /** Flushes at the end of a batch completed so far. */
    long flushes() {
        return sender.flushes();
    }

    List<Outbound> statistics() {
        return targets.stream().map(OutboundTarget::statistics).toList();
    }

    @Override
    public void start() {
        if (observations != null) {
            ObservationRegistry registry = observations.get();
            observedTemplate.setObservationRegistry(registry);
            sender.traceWith(registry);
        }
        sender.start();
        running = true;
    }

    /**
     * Sends what the relays' buffer and the producer hold within the shutdown timeout; records still unsent
     * then are failed, by ending the sender and closing the producer, and both are reported.
     */
    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        long[] failedBefore = targets.stream().mapToLong(OutboundTarget::failed).toArray();
        long[] pendingBefore = targets.stream().mapToLong(OutboundTarget::pending).toArray();
        long[] leftInBuffer;
        try {
            leftInBuffer = sender.stop(shutdownTimeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            leftInBuffer = new long[targets.size()];
        }
        if (producerFactory instanceof DefaultKafkaProducerFactory<Object, Object> factory) {
            long left = Math.max(0, deadline - System.nanoTime());
            factory.setPhysicalCloseTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left)));
            factory.reset(); // closes the producer: sends what it can within the time left, fails the rest
        }
        awaitSettled(TimeUnit.SECONDS.toNanos(2));
        boolean closing = context.isClosed();
        for (int i = 0; i < targets.size(); i++) {
            OutboundTarget target = targets.get(i);
            long unsent = target.failed() - failedBefore[i] + target.pending();
            if (unsent > 0) {
                logger.warn(unsent + " of " + pendingBefore[i] + " " + target.type().getName() + " events awaiting"
                        + " Kafka topic '" + target.topic() + "' were not sent within"
                        + " zerogc.events.async.shutdown-timeout=" + shutdownTimeout + " (" + leftInBuffer[i]
                        + " still in the relays' buffer, the rest with the producer; counted in externalizeFailed)"
                        + (closing ? ": the application is closing, they are lost"
                                : ": the application stopped; events published after it starts again are sent"));
            }
        }
    }

    /** Producer callbacks may trail its close by a moment. */
    private void awaitSettled(long boundNanos) {
        long deadline = System.nanoTime() + boundNanos;
        while (targets.stream().anyMatch(target -> target.pending() > 0) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the ring has drained, so that everything the relays took is flushed. */
    @Override
    public int getPhase() {
        return KafkaEventsAutoConfiguration.RING_PHASE - 1;
    }

    @Override
    public void destroy() {
        producerFactory.reset();
    }
}
