package io.zerogc.events;

import org.springframework.context.event.SimpleApplicationEventMulticaster;

/**
 * Customizes the starter's {@code applicationEventMulticaster} as one would Spring's own: an
 * {@code ErrorHandler} or a task executor for the classic listeners, for example.
 */
@FunctionalInterface
public interface MulticasterCustomizer {

    /**
     * Customizes the multicaster before the context uses it.
     *
     * @param multicaster the multicaster
     */
    void customize(SimpleApplicationEventMulticaster multicaster);
}
