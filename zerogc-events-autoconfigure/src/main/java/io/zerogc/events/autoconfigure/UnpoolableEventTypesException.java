package io.zerogc.events.autoconfigure;

import java.util.List;

/**
 * Event types that listeners take and that extend {@code PooledEvent}, with pooling on, but that cannot be
 * pooled (no accessible no-arg constructor, say). Thrown at startup; reported by
 * {@link UnpoolableEventTypesFailureAnalyzer}, or alongside invalid listeners by
 * {@link InvalidListenerFailureAnalyzer}.
 */
final class UnpoolableEventTypesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param problems one sentence per type, each starting with the type's name
     */
    UnpoolableEventTypesException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The report's section: what is wrong, per type. */
    String description() {
        return "Event types that cannot be pooled (zerogc.events.pool.enabled=true, and listeners take them):\n - "
                + String.join("\n - ", problems);
    }

    /** The report's advice. */
    static String action() {
        return "Give each type named above an accessible no-arg constructor (its pool makes the instances with it),"
                + " or make it a plain event that does not extend PooledEvent, or switch pooling off with"
                + " zerogc.events.pool.enabled=false.";
    }
}
