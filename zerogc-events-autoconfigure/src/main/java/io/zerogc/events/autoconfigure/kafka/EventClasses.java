package io.zerogc.events.autoconfigure.kafka;

import io.zerogc.events.PooledEvent;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Loads the event classes the Kafka properties name, with an error naming the property when one does
 * not fit.
 */
final class EventClasses {

    private final ClassLoader classLoader;

    EventClasses(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The class a property names; a clear error when it names none. */
    Class<?> load(String name, String property, String expected) {
        try {
            return ClassUtils.forName(name, classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "No class '" + name + "' on the class path; expected " + expected + ".");
        }
    }

    /** A received type: a class, and not a pooled container (a received event was not borrowed here). */
    Class<?> inbound(String topic, String name) {
        String property = "zerogc.events.kafka.inbound." + topic;
        Class<?> type = load(name, property, "the event class the topic's records are read as");
        if (PooledEvent.class.isAssignableFrom(type)) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "Received events are new objects, not borrowed from a pool: receive into a plain class or record"
                            + " with the same fields instead of the pooled container " + type.getSimpleName() + ".");
        }
        return type;
    }
}
