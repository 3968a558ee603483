package io.zerogc.events.autoconfigure;

import io.micrometer.observation.Observation;
import io.zerogc.events.ring.ContextCarrier;
import org.springframework.beans.factory.BeanFactory;

/**
 * {@code zerogc.events.async.propagate-context}: carries the publisher's current Micrometer
 * {@link Observation} to the asynchronous listeners. The slot keeps a reference to the observation that
 * is already current when the event is published (an HTTP request's, a scheduled task's, a Kafka
 * listener's), so publishing allocates nothing; a consumer opens a scope of it around the event's
 * listeners, which is what puts the trace (the observation's span, through Micrometer Tracing's handler)
 * and the MDC entries the tracer manages ({@code traceId}, {@code spanId}) on the consumer thread, and
 * closes it afterwards, which puts the thread back as it was.
 */
final class ObservationContextCarrier extends RegistryResolved implements ContextCarrier {

    static final String PROPERTY = "zerogc.events.async.propagate-context";
    static final String PURPOSE = "Propagating the publisher's context to asynchronous listeners";

    ObservationContextCarrier(BeanFactory beanFactory) {
        super(beanFactory, PROPERTY, PURPOSE);
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
