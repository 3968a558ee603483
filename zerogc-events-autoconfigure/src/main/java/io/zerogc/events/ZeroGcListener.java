package io.zerogc.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a singleton bean as a listener compiled into the zero-allocation dispatch path.
 *
 * <p>The method takes exactly one parameter, the event type; it receives every published event that
 * is an instance of that type (subclasses and implementations included). It may return
 * {@code void}, or an object, array or {@link java.util.Collection} whose non-null elements are
 * published as further events, as Spring's {@code @EventListener} does.
 *
 * <p>Listeners of one event run in ascending {@code @Order} (from
 * {@code org.springframework.core.annotation.Order} on the method; none means lowest precedence).
 * Listeners of equal order run in bean registration order, and within one bean by method name and
 * then parameter type name.
 *
 * <p>Differences from {@code @EventListener}: no SpEL {@code condition} (it would be evaluated per
 * event, which allocates), no generic-type matching (a parameterized parameter type is erased at
 * runtime and rejected at startup), and singleton beans only (the target is resolved once, at
 * startup).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ZeroGcListener {

    /**
     * How this listener receives its events.
     *
     * @return the delivery mode, {@link Delivery#DEFAULT} unless given
     */
    Delivery delivery() default Delivery.DEFAULT;
}
