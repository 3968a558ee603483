package io.zerogc.events.autoconfigure;

import io.zerogc.events.PooledEvent;

/**
 * A pooled event type the pool cannot create: it has no no-arg constructor.
 */
public class UnpoolableEvent extends PooledEvent {

    /**
     * The only constructor.
     *
     * @param required anything
     */
    public UnpoolableEvent(int required) {
    }

    @Override
    protected void reset() {
    }
}
