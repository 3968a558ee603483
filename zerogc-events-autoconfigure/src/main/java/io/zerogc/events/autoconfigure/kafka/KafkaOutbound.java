package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.autoconfigure.RelayContributor;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics.Outbound;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The outbound side: one relay per externalized type, contributed to the compiled listeners, and the
 * producer they share. Stops after asynchronous delivery has drained the ring, then flushes the producer
 * within the shutdown timeout and reports what was not sent.
 */
final class KafkaOutbound implements RelayContributor, SmartLifecycle, DisposableBean {

    /** The header naming the instance that sent a record. */
    static final String ORIGIN_HEADER = "zerogc-origin";

    private static final Log logger = LogFactory.getLog(KafkaOutbound.class);
    private static final Method SEND;

    static {
        try {
            SEND = OutboundTarget.class.getDeclaredMethod("send", Object.class);
        }
        catch (NoSuchMethodException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final List<OutboundTarget> targets;
    private final ProducerFactory<Object, Object> producerFactory;
    /** Whether the producer factory is the integration's own copy, which it may close. */
    private final boolean owned;
    private final KafkaTemplate<Object, Object> template;
    private final Duration shutdownTimeout;
    private volatile boolean running;

    /**
     * @param owned whether the factory is the integration's own, closed at shutdown; an application's
     *     factory is flushed instead
     */
    KafkaOutbound(List<OutboundTarget> targets, ProducerFactory<Object, Object> producerFactory, boolean owned,
            Duration shutdownTimeout) {
        this.targets = List.copyOf(targets);
        this.producerFactory = producerFactory;
        this.owned = owned;
        this.shutdownTimeout = shutdownTimeout;
        this.template = new KafkaTemplate<>(producerFactory);
        // The default listener logs failed records' values from the producer's thread, when a pooled event may
        // be back in its pool: the relays log failures themselves, with type and topic.
        template.setProducerListener(new ProducerListener<>() { });
        targets.forEach(target -> target.useTemplate(template));
    }

    @Override
    public List<Relay> relays() {
        return targets.stream().map(target -> new Relay("kafka:" + target.topic(), target, SEND, target.type()))
                .toList();
    }

    List<Outbound> statistics() {
        return targets.stream().map(OutboundTarget::statistics).toList();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Sends what the producer holds within the shutdown timeout; records still unsent then are failed by
     * closing the producer, and both are reported.
     */
    @Override
    public void stop() {
        running = false;
        long[] failedBefore = targets.stream().mapToLong(OutboundTarget::failed).toArray();
        long[] pendingBefore = targets.stream().mapToLong(OutboundTarget::pending).toArray();
        if (owned && producerFactory instanceof DefaultKafkaProducerFactory<Object, Object> factory) {
            factory.setPhysicalCloseTimeout((int) Math.max(1, shutdownTimeout.toSeconds()));
            factory.reset(); // closes the producer: sends what it can within the timeout, fails the rest
        }
        else {
            template.flush();
        }
        awaitSettled(TimeUnit.SECONDS.toNanos(5));
        for (int i = 0; i < targets.size(); i++) {
            OutboundTarget target = targets.get(i);
            long unsent = target.failed() - failedBefore[i] + target.pending();
            if (unsent > 0) {
                logger.warn(unsent + " of " + pendingBefore[i] + " " + target.type().getName()
                        + " events awaiting Kafka at shutdown were not sent to topic '" + target.topic()
                        + "' within zerogc.events.async.shutdown-timeout=" + shutdownTimeout
                        + " (counted in externalizeFailed)");
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
        if (owned) {
            producerFactory.reset();
        }
    }
}
