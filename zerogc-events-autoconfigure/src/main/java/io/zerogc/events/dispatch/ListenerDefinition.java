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
 *     event type
 * @param invocable the method to call on {@code target}: {@code method} itself, or the matching
 *     interface method when {@code target} is an interface-based proxy
 * @param order the listener's order; lower runs first
 * @param delivery how the listener receives events
 */
public record ListenerDefinition(String beanName, Object target, Method method, Method invocable, int order,
        Delivery delivery) {

    /**
     * Checks that no component is {@code null}.
     */
    public ListenerDefinition {
        Objects.requireNonNull(beanName, "beanName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(invocable, "invocable");
        Objects.requireNonNull(delivery, "delivery");
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
     * The event type: the method's only parameter type.
     *
     * @return the parameter type
     * @throws ArrayIndexOutOfBoundsException if the method has no parameter (rejected by validation)
     */
    public Class<?> eventType() {
        return method.getParameterTypes()[0];
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
