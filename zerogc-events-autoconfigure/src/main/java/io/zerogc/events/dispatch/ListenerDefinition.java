package io.zerogc.events.dispatch;

import io.zerogc.events.Delivery;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A plain description of one listener, as discovery hands it to the engine.
 *
 * @param beanName the name of the bean declaring the listener, for messages
 * @param target the object to invoke the method on (the bean, or its proxy)
 * @param method the listener method as declared on the bean's class; its single parameter is the
 *     event type or a supertype of it
 * @param invocable the method to call on {@code target}: {@code method} itself, or the matching
 *     interface method when {@code target} is an interface-based proxy
 * @param order the listener's order; lower runs first
 * @param delivery how the listener receives events
 * @param eventType the events the listener receives: the method's parameter type unless given (a
 *     {@link #relay relay} names its type, its method taking any object); {@code null} only for a method
 *     without parameters, which validation rejects
 * @param relay whether the listener carries events out of the process (to a broker, say): events that
 *     came in from outside, published with {@link EventDispatcher#publishReceived}, skip relays, so an
 *     event received from elsewhere is never sent back out
 */
public record ListenerDefinition(String beanName, Object target, Method method, Method invocable, int order,
        Delivery delivery, Class<?> eventType, boolean relay) {

    /**
     * Checks that no component is {@code null}, and takes the method's parameter type as the event type
     * when none is given.
     */
    public ListenerDefinition {
        Objects.requireNonNull(beanName, "beanName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(invocable, "invocable");
        Objects.requireNonNull(delivery, "delivery");
        if (eventType == null && method.getParameterCount() > 0) {
            eventType = method.getParameterTypes()[0];
        }
    }

    /**
     * A listener of the events its method's parameter type describes, not a relay.
     *
     * @param beanName the bean name, for messages
     * @param target the object to invoke the method on
     * @param method the listener method as declared
     * @param invocable the method to call on {@code target}
     * @param order the listener's order
     * @param delivery how the listener receives events
     */
    public ListenerDefinition(String beanName, Object target, Method method, Method invocable, int order,
            Delivery delivery) {
        this(beanName, target, method, invocable, order, delivery, null, false);
    }

    /**
     * A listener invoked through {@code method} itself.
     *
     * @param beanName the bean name, for messages
     * @param target the object to invoke the method on
     * @param method the listener method
     * @param order the listener's order
     * @param delivery how the listener receives events
     * @return the definition
     */
    public static ListenerDefinition of(String beanName, Object target, Method method, int order, Delivery delivery) {
        return new ListenerDefinition(beanName, target, method, method, order, delivery);
    }

    /**
     * An asynchronous listener that carries the events of one type out of the process. It runs on a
     * consumer thread, last among that consumer's listeners, and never receives an event published with
     * {@link EventDispatcher#publishReceived}.
     *
     * @param name what the relay is called in messages and statistics
     * @param target the object to invoke the method on
     * @param method a method whose (first) parameter {@code eventType} is assignable to, and optionally
     *     {@code boolean endOfBatch}
     * @param eventType the events it carries (and their subtypes)
     * @return the definition
     */
    public static ListenerDefinition relay(String name, Object target, Method method, Class<?> eventType) {
        Objects.requireNonNull(eventType, "eventType");
        return new ListenerDefinition(name, target, method, method, Integer.MAX_VALUE, Delivery.ASYNC, eventType, true);
    }

    /**
     * Whether the method takes {@code boolean endOfBatch} after the event.
     *
     * @return {@code true} for {@code (event, boolean)}
     */
    public boolean batchAware() {
        return method.getParameterCount() == 2 && method.getParameterTypes()[1] == boolean.class;
    }

    /**
     * The listener as {@code BeanClass.method(ParamType, ...)}, with simple class names.
     *
     * @return the short signature used in messages and statistics
     */
    public String signature() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameterList() + ")";
    }

    /**
     * The listener for error messages: annotation, fully qualified signature and bean name.
     *
     * @return a description naming the bean and the method
     */
    public String describe() {
        return "@ZeroGcListener method " + method.getDeclaringClass().getName() + "." + method.getName()
                + "(" + parameterList() + ") of bean '" + beanName + "'";
    }

    private String parameterList() {
        return Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}
