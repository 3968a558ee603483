package io.zerogc.events.autoconfigure;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.zerogc.events.dispatch.ListenerObserver;
import org.springframework.beans.factory.BeanFactory;

/**
 * {@code zerogc.events.observation.enabled}: each listener call of a sampled event is a Micrometer
 * {@link Observation} named {@value #NAME}, with the low-cardinality tags {@code type} (the event's class)
 * and {@code listener}, made current around the call. Through Boot's handlers it is a span (a child of
 * the observation current where the call runs: the publisher's for a synchronous listener, the carried one
 * for an asynchronous listener with {@code propagate-context}) and a timer. A failure is the
 * observation's error.
 */
final class ListenerObservations extends RegistryResolved implements ListenerObserver {

    static final String PROPERTY = "zerogc.events.observation.enabled";
    static final String PURPOSE = "Observing listener calls";
    static final String NAME = "zerogc.events.listener";

    /** What every call of one listener for one event class shares. */
    private record Prepared(String listener, KeyValues tags) {
    }

    ListenerObservations(BeanFactory beanFactory) {
        super(beanFactory, PROPERTY, PURPOSE);
    }

    @Override
    public Object prepare(Class<?> eventClass, String listener) {
        return new Prepared(listener, KeyValues.of("type", eventClass.getName(), "listener", listener));
    }

    @Override
    public Object start(Object prepared) {
        Prepared call = (Prepared) prepared;
        return Observation.createNotStarted(NAME, registry).contextualName(call.listener())
                .lowCardinalityKeyValues(call.tags()).start().openScope();
    }

    @Override
    public void end(Object started, Throwable failure) {
        Observation.Scope scope = (Observation.Scope) started;
        Observation observation = scope.getCurrentObservation();
        scope.close();
        if (failure != null) {
            observation.error(failure);
        }
        observation.stop();
    }
}
