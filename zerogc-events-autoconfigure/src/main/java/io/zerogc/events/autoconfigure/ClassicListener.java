package io.zerogc.events.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;

/**
 * A classic listener of the application, as the endpoint lists it beside the compiled ones.
 *
 * @param method the listener as {@code Class.method(EventType)}, simple names
 * @param eventTypes the event types it declares, fully qualified
 * @param order its order among the classic listeners
 * @param delivery always {@code CLASSIC}: Spring's path, on the publishing thread unless the method says otherwise
 *     ({@code @Async}, a transactional phase)
 */
public record ClassicListener(String method, List<String> eventTypes, int order, String delivery) {

    /**
     * The application's classic listeners among those given: {@code @EventListener} methods and
     * {@code ApplicationListener}s, Spring's own infrastructure ({@code org.springframework.*}) left out.
     *
     * @param listeners the listeners a multicaster holds, in its order
     * @return the application's, described, in that order
     */
    static List<ClassicListener> describe(Collection<ApplicationListener<?>> listeners) {
        List<ClassicListener> described = new ArrayList<>();
        for (ApplicationListener<?> listener : listeners) {
            if (listener instanceof ApplicationListenerMethodAdapter adapter) {
                Method method = adapter.getTargetMethod();
                if (!isSpring(method.getDeclaringClass())) {
                    described.add(new ClassicListener(signature(method), declaredTypes(method), adapter.getOrder(),
                            "CLASSIC"));
                }
            }
            else if (!isSpring(listener.getClass())) {
                Class<?> type = ResolvableType.forClass(listener.getClass()).as(ApplicationListener.class).getGeneric()
                        .resolve(ApplicationEvent.class);
                int order = listener instanceof Ordered ordered ? ordered.getOrder()
                        : OrderUtils.getOrder(listener.getClass(), Ordered.LOWEST_PRECEDENCE);
                described.add(new ClassicListener(listener.getClass().getSimpleName() + ".onApplicationEvent("
                        + type.getSimpleName() + ")", List.of(type.getName()), order, "CLASSIC"));
            }
        }
        return described;
    }

    private static boolean isSpring(Class<?> type) {
        return type.getName().startsWith("org.springframework.");
    }

    private static String signature(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + String.join(", ", Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
    }

    /** The types {@code @EventListener} names, else its parameter's. */
    private static List<String> declaredTypes(Method method) {
        EventListener annotation = AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class);
        if (annotation != null && annotation.classes().length > 0) {
            return Arrays.stream(annotation.classes()).map(Class::getName).toList();
        }
        return Arrays.stream(method.getParameterTypes()).map(Class::getName).toList();
    }
}
