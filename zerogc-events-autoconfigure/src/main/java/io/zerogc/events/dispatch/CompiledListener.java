package io.zerogc.events.dispatch;

/**
 * A listener after compilation.
 *
 * @param id the listener's index in its dispatcher, used to index counters
 * @param definition what discovery described
 * @param invoker the direct invoker
 */
public record CompiledListener(int id, ListenerDefinition definition, ListenerInvoker invoker) {

    /**
     * The listener as {@code BeanClass.method(EventType)}.
     *
     * @return the short signature
     */
    public String name() {
        return definition.signature();
    }
}
