package io.zerogc.events.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * Events for the compiled listeners published before they were compiled (from a bean's initialisation,
 * say), held in publish order until the listeners are installed, then handed over once.
 */
final class EarlyEvents {

    /** Guarded by this; {@code null} once released. */
    private List<Object> held = new ArrayList<>();

    /**
     * Holds an event, unless the events were released already.
     *
     * @return {@code true} if held; {@code false} if the compiled listeners are installed and the caller
     *     delivers it itself
     */
    synchronized boolean hold(Object event) {
        if (held == null) {
            return false;
        }
        held.add(event);
        return true;
    }

    /**
     * Ends holding: later {@link #hold} calls return {@code false}. Call once the compiled listeners are
     * installed where publishers see them, so that no event falls between the two.
     *
     * @return the events held, in publish order
     * @throws IllegalStateException if released before
     */
    synchronized List<Object> release() {
        if (held == null) {
            throw new IllegalStateException("Listeners are already installed");
        }
        List<Object> released = held;
        held = null;
        return released;
    }
}
