package io.zerogc.events.autoconfigure;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.InvalidListenerException;
import io.zerogc.events.dispatch.ListenerCompiler;
import io.zerogc.events.dispatch.ListenerDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Finds every {@code @ZeroGcListener} method once all singletons exist, describes each for the engine,
 * compiles them and installs the result in the publisher. Every invalid listener is reported in one
 * startup failure.
 */
final class ListenerDiscovery implements SmartInitializingSingleton {

    private static final Comparator<Method> BY_SIGNATURE = Comparator.comparing(Method::getName)
            .thenComparing(method -> Arrays.toString(method.getParameterTypes()));

    private final ConfigurableListableBeanFactory beanFactory;
    private final DispatchingEventPublisher publisher;
    private final DispatcherSettings settings;
    /** Set when plain {@code @EventListener} methods may be compiled too (needs the bridge). */
    private final ZeroGcApplicationEventMulticaster eventListenerCompilation;
    /** Read once all singletons exist, as the annotated methods are. */
    private final ObjectProvider<ListenerContributor> contributors;

    /**
     * @param settings how the engine delivers; values returned by listeners always go to the publisher
     */
    ListenerDiscovery(ConfigurableListableBeanFactory beanFactory, DispatchingEventPublisher publisher,
            DispatcherSettings settings, ZeroGcApplicationEventMulticaster eventListenerCompilation,
            ObjectProvider<ListenerContributor> contributors) {
        this.beanFactory = beanFactory;
        this.publisher = publisher;
        this.settings = settings.withResultSink(publisher::publish);
        this.eventListenerCompilation = eventListenerCompilation;
        this.contributors = contributors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ListenerDefinition> definitions = new ArrayList<>();
        List<ListenerDefinition> eventListeners = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
            if (!ScopedProxyUtils.isScopedTarget(beanName)) {
                discover(beanName, definitions, problems);
                if (eventListenerCompilation != null) {
                    discoverEventListeners(beanName, eventListeners);
                }
            }
        }
        contributors.orderedStream().forEach(contributor -> definitions.addAll(contributor.listeners()));
        if (!eventListeners.isEmpty()) {
            definitions.addAll(EventListenerCompilation.select(eventListeners, eventListenerCompilation));
        }
        if (publisher.pools() != null) {
            PoolsFactory.prepareListenedTypes(publisher.pools(),
                    definitions.stream().<Class<?>>map(ListenerDefinition::eventType).distinct().toList(), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidListenerException(problems);
        }
        publisher.install(definitions, settings);
    }

    /** Plain {@code @EventListener} methods that qualify for compilation; the rest stay on Spring's path. */
    private void discoverEventListeners(String beanName, List<ListenerDefinition> candidates) {
        Class<?> targetClass = targetClass(beanName);
        if (targetClass == null || !beanFactory.isSingleton(beanName)
                || !AnnotationUtils.isCandidateClass(targetClass, EventListener.class)) {
            return;
        }
        Map<Method, EventListener> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<EventListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, EventListener.class));
        List<Method> methods = new ArrayList<>(annotated.keySet());
        methods.removeIf(method -> !EventListenerCompilation.qualifies(method)
                || AnnotatedElementUtils.hasAnnotation(method, ZeroGcListener.class));
        if (methods.isEmpty()) {
            return;
        }
        methods.sort(BY_SIGNATURE);
        Object bean = beanFactory.getBean(beanName);
        for (Method method : methods) {
            try {
                Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
                ListenerDefinition definition = new ListenerDefinition(beanName, bean, method, invocable,
                        orderOf(method), Delivery.SYNC); // @EventListener is synchronous; @Async advice still applies
                if (ListenerCompiler.problemWith(definition, false) == null) {
                    candidates.add(definition);
                }
            }
            catch (IllegalStateException ex) {
                // not invocable through its proxy: it stays on Spring's path, where it is invoked reflectively
            }
        }
    }

    private static int orderOf(Method method) {
        Order order = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
        return order != null ? order.value() : Ordered.LOWEST_PRECEDENCE;
    }

    private Class<?> targetClass(String beanName) {
        Class<?> targetClass = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
        if (targetClass != null && isProxyClass(targetClass) && beanFactory.isSingleton(beanName)) {
            // Proxied by hand rather than by an auto-proxy creator: only the instance knows its target class.
            targetClass = AopProxyUtils.ultimateTargetClass(beanFactory.getBean(beanName));
        }
        return targetClass;
    }

    private static boolean isProxyClass(Class<?> type) {
        return Proxy.isProxyClass(type) || type.getName().contains(ClassUtils.CGLIB_CLASS_SEPARATOR);
    }

    private void discover(String beanName, List<ListenerDefinition> definitions, List<String> problems) {
        Class<?> targetClass = targetClass(beanName);
        if (targetClass == null || !AnnotationUtils.isCandidateClass(targetClass, ZeroGcListener.class)) {
            return;
        }
        Map<Method, ZeroGcListener> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<ZeroGcListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, ZeroGcListener.class));
        if (annotated.isEmpty()) {
            return;
        }
        List<Method> methods = new ArrayList<>(annotated.keySet());
        methods.sort(BY_SIGNATURE); // reflection order is unspecified; equal orders need a stable tie-break
        boolean singleton = beanFactory.isSingleton(beanName);
        Object bean = singleton ? beanFactory.getBean(beanName) : null;
        for (Method method : methods) {
            ZeroGcListener annotation = annotated.get(method);
            int orderValue = orderOf(method);
            ListenerDefinition declared = ListenerDefinition.of(beanName, bean != null ? bean : beanName, method,
                    orderValue, annotation.delivery());
            String problem = ListenerCompiler.problemWith(declared, settings.isAsynchronous());
            if (problem == null && !singleton) {
                problem = declared.describe() + " is on a bean of scope '"
                        + beanFactory.getMergedBeanDefinition(beanName).getScope()
                        + "': listeners are compiled against one instance, so only singleton beans may declare them";
            }
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            try {
                Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
                definitions.add(new ListenerDefinition(beanName, bean, method, invocable, orderValue,
                        annotation.delivery()));
            }
            catch (IllegalStateException ex) {
                problems.add(declared.describe() + " cannot be invoked through its proxy: " + ex.getMessage());
            }
        }
    }
}
