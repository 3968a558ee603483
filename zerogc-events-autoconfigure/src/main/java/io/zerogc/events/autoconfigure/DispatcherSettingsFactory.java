package io.zerogc.events.autoconfigure;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.ring.AsyncSettings;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code zerogc.events.*} into the engine's settings, rejecting bad values with the property's
 * name, whether or not the feature they belong to is switched on.
 */
final class DispatcherSettingsFactory {

    private DispatcherSettingsFactory() {
    }

    /**
     * The engine's settings.
     *
     * @param properties the properties
     * @param userHandler the application's {@code ListenerErrorHandler} bean, or {@code null}
     * @param beanFactory where settings that need beans find them, once all singletons exist
     * @return the settings
     */
    static DispatcherSettings create(ZeroGcEventsProperties properties, ListenerErrorHandler userHandler,
            BeanFactory beanFactory) {
        AsyncSettingsFactory.validate(properties.getAsync());
        ZeroGcEventsProperties.Stats.Latency latency = properties.getStats().getLatency();
        if (latency.getSampleEvery() < 1 || Integer.bitCount(latency.getSampleEvery()) != 1) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.stats.latency.sample-every",
                    latency.getSampleEvery(), "One event in a power of two is timed (1, 2, 4, ... 1024, ...).");
        }
        DispatcherSettings settings = DispatcherSettings.defaults()
                .withLatencySampling(latency.isEnabled() ? latency.getSampleEvery() : 0)
                .withPooling(properties.getPool().isEnabled());
        if (userHandler != null) {
            settings = settings.withErrorHandler(userHandler);
        }
        else if (properties.getErrorPolicy() == ZeroGcEventsProperties.ErrorPolicy.LOG_AND_CONTINUE) {
            settings = settings.withErrorHandler(new LoggingListenerErrorHandler());
        }
        if (properties.getAsync().isEnabled()) {
            // An asynchronous listener's failure cannot reach its publisher, so it is always handled.
            AsyncSettings async = AsyncSettingsFactory.create(properties.getAsync(),
                    userHandler != null ? userHandler : new LoggingListenerErrorHandler());
            if (properties.getAsync().isPropagateContext()) {
                ObservationRegistries.requireOnClassPath(ObservationContextCarrier.PROPERTY,
                        ObservationContextCarrier.PURPOSE);
                async = async.withContextCarrier(new ObservationContextCarrier(beanFactory));
            }
            settings = settings.withAsync(async);
        }
        if (properties.getObservation().isEnabled()) {
            if (!latency.isEnabled()) {
                throw new InvalidConfigurationPropertyValueException(ListenerObservations.PROPERTY, true,
                        "Listener calls are observed for the events latency sampling picks, and it is off: set"
                                + " zerogc.events.stats.latency.enabled=true as well (one event in"
                                + " zerogc.events.stats.latency.sample-every=" + latency.getSampleEvery()
                                + " is observed).");
            }
            ObservationRegistries.requireOnClassPath(ListenerObservations.PROPERTY, ListenerObservations.PURPOSE);
            settings = settings.withListenerObserver(new ListenerObservations(beanFactory));
        }
        return settings;
    }
}
