package io.zerogc.events.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;

/**
 * A bean that adds relays to the compiled listeners: an integration's listeners that carry events of a
 * named type out of the process (the Kafka externalization's), which are not annotated methods. Relays
 * are asynchronous, run after every other listener of their type, and never receive events that came in
 * from outside. They are validated and compiled with the {@code @ZeroGcListener} methods, once all
 * singletons exist.
 */
@FunctionalInterface
public interface RelayContributor {

    /**
     * The relays to compile.
     *
     * @return the relays, in registration order
     */
    List<Relay> relays();

    /**
     * One relay.
     *
     * @param name how statistics and failure reports name it
     * @param target the object whose method is called
     * @param method a public method that takes any object (declared {@code Object}), and optionally, as its
     *     second parameter, {@code boolean endOfBatch} (as batch-aware listeners do)
     * @param eventType the event type it relays; its subclasses and implementations go too
     */
    record Relay(String name, Object target, Method method, Class<?> eventType) {
    }
}
