package io.zerogc.events.autoconfigure;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.ring.ContextCarrier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code zerogc.events.async.propagate-context}: carries the publisher's current Micrometer
 * {@link Observation} to the asynchronous listeners. The slot keeps a reference to the observation that
 * is already current when the event is published (an HTTP request's, a scheduled task's, a Kafka
 * listener's), so publishing allocates nothing; a consumer opens a scope of it around the event's
 * listeners, which is what puts the trace (the observation's span, through Micrometer Tracing's handler)
 * and the MDC entries the tracer manages ({@code traceId}, {@code spanId}) on the consumer thread, and
 * closes it afterwards, which puts the thread back as it was.
 */
final class ObservationContextCarrier implements ContextCarrier, StartupResolved {

    static final String PROPERTY = "zerogc.events.async.propagate-context";
    static final String PURPOSE = "Propagating the publisher's context to asynchronous listeners";

    private final BeanFactory beanFactory;
    /** Resolved once all singletons exist; the current observation is read through it. */
    private ObservationRegistry registry = ObservationRegistry.NOOP;

    ObservationContextCarrier(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Finds the application's {@code ObservationRegistry} (Boot's, with the tracing handlers).
     *
     * @throws InvalidConfigurationPropertyValueException if there is none, naming the property
     */
    @Override
    public void resolve() {
        registry = ObservationRegistries.unique(beanFactory, PROPERTY, PURPOSE);
    }

    @Override
    public Object capture() {
        return registry.getCurrentObservation();
    }

    @Override
    public Object restore(Object captured) {
        return ((Observation) captured).openScope();
    }

    @Override
    public void end(Object restored) {
        ((Observation.Scope) restored).close();
    }
}
