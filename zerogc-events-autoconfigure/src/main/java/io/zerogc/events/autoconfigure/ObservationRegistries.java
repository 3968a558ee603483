package io.zerogc.events.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Where the properties that work through Micrometer Observation find it: on the class path when the
 * properties are read, and the application's registry once all singletons exist. Either missing fails
 * startup naming the property that needs it.
 */
final class ObservationRegistries {

    private ObservationRegistries() {
    }

    /**
     * @param property the property switched on
     * @param purpose what it does, as the start of a sentence ("Observing listener calls")
     * @throws InvalidConfigurationPropertyValueException if Micrometer Observation is not on the class path
     */
    static void requireOnClassPath(String property, String purpose) {
        if (!ClassUtils.isPresent("io.micrometer.observation.ObservationRegistry",
                ObservationRegistries.class.getClassLoader())) {
            throw new InvalidConfigurationPropertyValueException(property, true, purpose + " needs Micrometer"
                    + " Observation (io.micrometer:micrometer-observation, which spring-boot-starter-actuator"
                    + " brings) on the class path.");
        }
    }

    /**
     * @param property the property switched on
     * @param purpose what it does, as the start of a sentence
     * @return the application's one {@code ObservationRegistry} (Boot's, with the tracing handlers)
     * @throws InvalidConfigurationPropertyValueException if there is none, or more than one
     */
    static ObservationRegistry unique(BeanFactory beanFactory, String property, String purpose) {
        ObservationRegistry found = beanFactory.getBeanProvider(ObservationRegistry.class).getIfUnique();
        if (found == null) {
            throw new InvalidConfigurationPropertyValueException(property, true, purpose + " needs one"
                    + " ObservationRegistry bean, which Spring Boot defines with spring-boot-starter-actuator (and,"
                    + " for traces, a micrometer-tracing bridge); there is " + (beanFactory.getBeanProvider(
                            ObservationRegistry.class).stream().findAny().isPresent() ? "more than one" : "none")
                    + ".");
        }
        return found;
    }
}
