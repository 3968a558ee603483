package io.zerogc.events.dispatch;

/**
 * A listener after compilation.
 *
 * @param id the listener's index in the engine's listener list (its dispatch order), which keys its
 *     counters and timers
 * @param definition what discovery described
 * @param invoker the direct invoker
 * @param consumer the consumer thread that delivers to it, or {@link #SYNC} for the publishing thread
 * @param batchObserver its number in its consumer's batch position when it observes batches (takes
 *     {@code endOfBatch}, or its bean implements {@link io.zerogc.events.BatchStart}), else -1
 */
public record CompiledListener(int id, ListenerDefinition definition, ListenerInvoker invoker, int consumer,
        int batchObserver) {

    /** {@link #consumer()} of a listener that runs on the publishing thread. */
    public static final int SYNC = -1;

    /**
     * The listener as {@code BeanClass.method(EventType)}.
     *
     * @return the short signature
     */
    public String name() {
        return definition.signature();
    }

    /**
     * Whether it runs on a consumer thread.
     *
     * @return {@code true} for asynchronous delivery
     */
    public boolean isAsync() {
        return consumer != SYNC;
    }
}
