package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.ListenerDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.ClassUtils;

/**
 * {@code zerogc.events.compile-event-listeners}: which plain {@code @EventListener} methods are compiled.
 *
 * <p>A method qualifies when it takes one parameter of a non-generic class (not an interface) that is
 * not a type of {@code PayloadApplicationEvent} other than {@code Object}, returns neither {@code Object} nor a future
 * or reactive type, has no {@code condition} and no {@code classes}, is not a
 * {@code @TransactionalEventListener}, and sits on a singleton bean. It is
 * compiled only if that cannot change its place among the classic listeners that stay on Spring's path:
 * compiled listeners run before classic ones, so every classic listener of the same event type must come
 * strictly later in order. Otherwise it stays on Spring's path. Spring's adapters of compiled methods are
 * removed from the multicaster, so each is called once.
 */
final class EventListenerCompilation {

    private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
            "org.springframework.transaction.event.TransactionalEventListener",
            EventListenerCompilation.class.getClassLoader());

    private EventListenerCompilation() {
    }

    /** Whether a method may be compiled at all (before the ordering check). */
    static boolean qualifies(Method method) {
        EventListener annotation = AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class);
        if (annotation == null || !annotation.condition().isEmpty() || annotation.classes().length > 0
                || method.getParameterCount() != 1) {
            return false;
        }
        if (TRANSACTIONS_PRESENT && AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class)) {
            return false;
        }
        Class<?> type = method.getParameterTypes()[0];
        return !type.isPrimitive() && !type.isArray()
                && !(method.getGenericParameterTypes()[0] instanceof ParameterizedType)
                && !(method.getGenericParameterTypes()[0] instanceof TypeVariable<?>)
                && receivesWhatSpringPasses(type) && repliesAsSpringDoes(method.getReturnType());
    }

    /**
     * Spring hands a listener of {@code ApplicationEvent} (or of a type {@code PayloadApplicationEvent}
     * is, such as {@code EventObject}) the {@code PayloadApplicationEvent} wrapper of a plain event; the
     * compiled path delivers the payload. Such methods stay on Spring's path. {@code Object} is the
     * exception: Spring passes it the payload too. So do methods taking an interface: a subclass of
     * {@code PayloadApplicationEvent} may implement it, and Spring then hands the listener the event
     * itself, where the compiled path would deliver only its payload.
     */
    private static boolean receivesWhatSpringPasses(Class<?> type) {
        return type == Object.class || !type.isAssignableFrom(PayloadApplicationEvent.class) && !type.isInterface();
    }

    /**
     * Spring publishes the completed value of a {@code CompletionStage}, {@code Future} or reactive type a
     * listener returns, not the object returned; the compiled path would publish the object itself. Such
     * methods, and those declared to return {@code Object} (which may return any of them), stay on Spring's
     * path.
     */
    private static boolean repliesAsSpringDoes(Class<?> returnType) {
        return returnType != Object.class && !CompletionStage.class.isAssignableFrom(returnType)
                && !Future.class.isAssignableFrom(returnType)
                && ReactiveAdapterRegistry.getSharedInstance().getAdapter(returnType) == null;
    }

    /**
     * Keeps the candidates whose compilation preserves ordering, and removes their Spring adapters.
     *
     * @param candidates qualifying methods of singleton beans
     * @param multicaster the bridge's multicaster
     * @return the candidates to compile
     */
    static List<ListenerDefinition> select(List<ListenerDefinition> candidates,
            ZeroGcApplicationEventMulticaster multicaster) {
        List<ListenerDefinition> accepted = new ArrayList<>(candidates);
        Set<Method> compiled = new HashSet<>();
        accepted.forEach(candidate -> compiled.add(candidate.method()));
        List<ApplicationListener<?>> classic = new ArrayList<>(multicaster.classicListeners());
        boolean changed = true;
        while (changed) { // a rejected candidate stays classic, which may in turn reject others
            changed = false;
            for (ListenerDefinition candidate : List.copyOf(accepted)) {
                if (outOfOrder(candidate, classic, compiled, multicaster)) {
                    accepted.remove(candidate);
                    compiled.remove(candidate.method());
                    changed = true;
                }
            }
        }
        multicaster.removeCompiledEventListeners(compiled);
        return accepted;
    }

    private static boolean outOfOrder(ListenerDefinition candidate, List<ApplicationListener<?>> classic,
            Set<Method> compiled, ZeroGcApplicationEventMulticaster multicaster) {
        for (ApplicationListener<?> listener : classic) {
            if (listener instanceof ApplicationListenerMethodAdapter adapter
                    && compiled.contains(adapter.getTargetMethod())) {
                continue;
            }
            if (multicaster.listensTo(listener, candidate.eventType()) && orderOf(listener) <= candidate.order()) {
                return true;
            }
        }
        return false;
    }

    private static int orderOf(ApplicationListener<?> listener) {
        if (listener instanceof Ordered ordered) {
            return ordered.getOrder();
        }
        Integer order = OrderUtils.getOrder(listener.getClass());
        return order != null ? order : Ordered.LOWEST_PRECEDENCE;
    }
}
