package io.zerogc.events.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * What a property that works through the application's {@code ObservationRegistry} shares: the registry,
 * {@link ObservationRegistry#NOOP} until it is resolved, once all singletons exist and before any event is
 * delivered, and the startup failure naming the property when there is none.
 */
abstract class RegistryResolved implements StartupResolved {

    private final BeanFactory beanFactory;
    private final String property;
    private final String purpose;
    /** Written by {@link #resolve()} before listeners are installed, only read after. */
    ObservationRegistry registry = ObservationRegistry.NOOP;

    /**
     * @param property the property that switches it on
     * @param purpose what it does, as the start of a sentence
     */
    RegistryResolved(BeanFactory beanFactory, String property, String purpose) {
        this.beanFactory = beanFactory;
        this.property = property;
        this.purpose = purpose;
    }

    /**
     * Finds the application's {@code ObservationRegistry} (Boot's, with the tracing handlers).
     *
     * @throws InvalidConfigurationPropertyValueException if there is none, or several, naming the property
     */
    @Override
    public final void resolve() {
        registry = ObservationRegistries.unique(beanFactory, property, purpose);
    }
}
