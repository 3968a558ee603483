package io.zerogc.events.autoconfigure.actuate;

import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcApplicationEventMulticaster;
import io.zerogc.events.autoconfigure.ClassicListener;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics;
import io.zerogc.events.autoconfigure.kafka.KafkaStatisticsSource;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.stats.PoolStatistics;
import io.zerogc.events.stats.RingStatistics;
import java.util.List;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Actuator endpoint {@code zerogcevents}: every event type with its listeners and counters, and the
 * ring. Reading allocates on the reading thread only; publishers are not disturbed.
 */
@Endpoint(id = "zerogcevents")
public class ZeroGcEventsEndpoint {

    private final DispatchingEventPublisher publisher;
    /** The Kafka integration's figures; {@code null} when it is off. */
    private final KafkaStatisticsSource kafka;
    /** The bridge, whose classic listeners the report lists; {@code null} without it. */
    private final ZeroGcApplicationEventMulticaster bridge;
    private volatile ReportBaseline baseline = ReportBaseline.NONE;

    /**
     * Creates the endpoint.
     *
     * @param publisher the publisher whose dispatcher it reports
     */
    public ZeroGcEventsEndpoint(DispatchingEventPublisher publisher) {
        this(publisher, null);
    }

    /**
     * Creates the endpoint, with what crossed instances through Kafka.
     *
     * @param publisher the publisher whose dispatcher it reports
     * @param kafka the Kafka integration's statistics, or {@code null} when it is off
     */
    public ZeroGcEventsEndpoint(DispatchingEventPublisher publisher, KafkaStatisticsSource kafka) {
        this(publisher, kafka, null);
    }

    /**
     * Creates the endpoint, with what crossed instances through Kafka and the classic listeners.
     *
     * @param publisher the publisher whose dispatcher it reports
     * @param kafka the Kafka integration's statistics, or {@code null} when it is off
     * @param bridge the starter's multicaster, whose classic listeners are listed; {@code null} without it
     */
    public ZeroGcEventsEndpoint(DispatchingEventPublisher publisher, KafkaStatisticsSource kafka,
            ZeroGcApplicationEventMulticaster bridge) {
        this.publisher = publisher;
        this.kafka = kafka;
        this.bridge = bridge;
    }

    /**
     * Everything: event types, their listeners and counters, the ring and the pools; counters since the
     * last {@link #reset()}.
     *
     * @return the report
     */
    @ReadOperation
    public DispatchReport report() {
        return baseline.since(counted());
    }

    /**
     * One event type.
     *
     * @param eventType the event class's fully qualified name
     * @return its statistics, or {@code null} (404) for a type never published nor listened to
     */
    @ReadOperation
    public EventTypeReport eventType(@Selector String eventType) {
        EventDispatcher dispatcher = publisher.dispatcher();
        EventTypeStatistics statistics = dispatcher == null ? null : dispatcher.statistics().eventType(eventType);
        return statistics == null ? null : new EventTypeReport(baseline.since(statistics));
    }

    /**
     * Starts every figure of this endpoint afresh: counters read from zero from now on, latency
     * histograms and the ring's high-water mark start empty. The meters are not affected: their counters
     * keep growing, as monitoring systems expect of counters.
     */
    @DeleteOperation
    public synchronized void reset() {
        EventDispatcher dispatcher = publisher.dispatcher();
        if (dispatcher != null) {
            dispatcher.statistics().resetGauges();
        }
        baseline = new ReportBaseline(counted());
    }

    /** The figures as counted since startup. */
    private DispatchReport counted() {
        EventDispatcher dispatcher = publisher.dispatcher();
        List<PoolStatistics> pools = publisher.pools() != null ? publisher.pools().statistics() : List.of();
        KafkaStatistics crossed = kafka != null ? kafka.kafkaStatistics() : null;
        List<ClassicListener> classic = bridge != null ? bridge.describeClassicListeners() : List.of();
        if (dispatcher == null) {
            return new DispatchReport(List.of(), classic, null, pools, crossed);
        }
        return new DispatchReport(dispatcher.statistics().eventTypes(), classic, dispatcher.statistics().ring(),
                pools, crossed);
    }

    /**
     * The endpoint's main response.
     *
     * @param eventTypes every event type published or listened to, with listeners and counters
     * @param classicListeners the application's listeners on Spring's path ({@code @EventListener} methods not
     *     compiled, {@code ApplicationListener}s), which receive events through the bridge; empty without it
     * @param ring the ring's state, {@code null} when asynchronous delivery is off
     * @param pools every pool of event containers, empty when pooling is off
     * @param kafka what crossed instances through Kafka, {@code null} (left out) when the integration is off
     */
    public record DispatchReport(List<EventTypeStatistics> eventTypes, List<ClassicListener> classicListeners,
            RingStatistics ring, List<PoolStatistics> pools, KafkaStatistics kafka) implements OperationResponseBody {
    }

    /**
     * The response for one event type.
     *
     * @param eventType its statistics
     */
    public record EventTypeReport(EventTypeStatistics eventType) implements OperationResponseBody {
    }
}
