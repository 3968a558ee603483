package io.zerogc.events.autoconfigure;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.InvalidListenerException;
import io.zerogc.events.dispatch.ListenerCompiler;
import io.zerogc.events.dispatch.ListenerDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
    private final ObjectProvider<RelayContributor> contributors;
    /** Whether an invalid listener found asks for asynchronous delivery, which is off; for the report. */
    private boolean asyncUnavailable;

    /**
     * @param settings how the engine delivers; values returned by listeners always go to the publisher
     */
    ListenerDiscovery(ConfigurableListableBeanFactory beanFactory, DispatchingEventPublisher publisher,
            DispatcherSettings settings, ZeroGcApplicationEventMulticaster eventListenerCompilation,
            ObjectProvider<RelayContributor> contributors) {
        this.beanFactory = beanFactory;
        this.publisher = publisher;
        this.settings = settings.withResultSink(publisher::publish);
        this.eventListenerCompilation = eventListenerCompilation;
        this.contributors = contributors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (settings.async() != null && settings.async().contextCarrier() instanceof StartupResolved resolved) {
            resolved.resolve();
        }
        if (settings.observer() instanceof StartupResolved resolved) {
            resolved.resolve();
        }
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
        contributors.orderedStream().flatMap(contributor -> contributor.relays().stream()).forEach(relay ->
                definitions.add(ListenerDefinition.relay(relay.name(), relay.target(), relay.method(),
                        relay.eventType())));
        if (!eventListeners.isEmpty()) {
            definitions.addAll(EventListenerCompilation.select(eventListeners, eventListenerCompilation));
        }
        List<String> unpoolable = new ArrayList<>();
        if (publisher.pools() != null) {
            PoolsFactory.prepareListenedTypes(publisher.pools(),
                    definitions.stream().<Class<?>>map(ListenerDefinition::eventType).distinct().toList(), unpoolable);
        }
        UnpoolableEventTypesException unpoolableTypes = unpoolable.isEmpty() ? null
                : new UnpoolableEventTypesException(unpoolable);
        if (!problems.isEmpty()) {
            InvalidListenerException invalid = new InvalidListenerException(problems, asyncUnavailable);
            if (unpoolableTypes != null) {
                invalid.addSuppressed(unpoolableTypes); // reported together: every problem at once
            }
            throw invalid;
        }
        if (unpoolableTypes != null) {
            throw unpoolableTypes;
        }
        publisher.install(definitions, settings);
    }

    /** Plain {@code @EventListener} methods that qualify for compilation; the rest stay on Spring's path. */
    private void discoverEventListeners(String beanName, List<ListenerDefinition> candidates) {
        if (!beanFactory.isSingleton(beanName)) {
            return;
        }
        List<Method> methods = new ArrayList<>(annotatedMethods(beanName, EventListener.class).keySet());
        methods.removeIf(method -> !EventListenerCompilation.qualifies(method)
                || AnnotatedElementUtils.hasAnnotation(method, ZeroGcListener.class));
        if (methods.isEmpty()) {
            return;
        }
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

    /**
     * The bean's methods carrying the annotation (merged, so meta-annotations count), ordered by
     * signature: reflection order is unspecified, and equal listener orders need a stable tie-break.
     * Empty for a bean whose class cannot carry it.
     */
    private <A extends Annotation> Map<Method, A> annotatedMethods(String beanName, Class<A> annotation) {
        Class<?> targetClass = targetClass(beanName);
        if (targetClass == null || !AnnotationUtils.isCandidateClass(targetClass, annotation)) {
            return Map.of();
        }
        Map<Method, A> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<A>) method -> AnnotatedElementUtils.findMergedAnnotation(method,
                        annotation));
        Map<Method, A> ordered = new LinkedHashMap<>();
        annotated.keySet().stream().sorted(BY_SIGNATURE).forEach(method -> ordered.put(method, annotated.get(method)));
        return ordered;
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
        Map<Method, ZeroGcListener> annotated = annotatedMethods(beanName, ZeroGcListener.class);
        if (annotated.isEmpty()) {
            return;
        }
        boolean singleton = beanFactory.isSingleton(beanName);
        Object bean = singleton ? beanFactory.getBean(beanName) : null;
        for (Map.Entry<Method, ZeroGcListener> entry : annotated.entrySet()) {
            Method method = entry.getKey();
            ZeroGcListener annotation = entry.getValue();
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
                asyncUnavailable |= !settings.isAsynchronous() && annotation.delivery() == Delivery.ASYNC;
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
