package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.ListenerDefinition;
import java.util.List;

/**
 * A bean that adds listeners of its own to the compiled ones: an integration's relays, such as the
 * Kafka externalization's, which are not annotated methods. Its listeners are validated and compiled
 * with the {@code @ZeroGcListener} methods, once all singletons exist.
 */
@FunctionalInterface
public interface ListenerContributor {

    /**
     * The listeners to compile.
     *
     * @return the listeners, in registration order
     */
    List<ListenerDefinition> listeners();
}
