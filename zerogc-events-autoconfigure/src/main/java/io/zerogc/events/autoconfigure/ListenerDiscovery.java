package io.zerogc.events.autoconfigure;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.AsyncSettings;
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
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
    private final ListenerErrorHandler errorHandler;
    private final AsyncSettings asyncSettings;
    private final boolean sampleLatency;
    private final boolean pooling;

    ListenerDiscovery(ConfigurableListableBeanFactory beanFactory, DispatchingEventPublisher publisher,
            ListenerErrorHandler errorHandler, AsyncSettings asyncSettings, boolean sampleLatency, boolean pooling) {
        this.pooling = pooling;
        this.beanFactory = beanFactory;
        this.publisher = publisher;
        this.errorHandler = errorHandler;
        this.asyncSettings = asyncSettings;
        this.sampleLatency = sampleLatency;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ListenerDefinition> definitions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
            if (!ScopedProxyUtils.isScopedTarget(beanName)) {
                discover(beanName, definitions, problems);
            }
        }
        if (publisher.pools() != null) {
            PoolsFactory.prepareListenedTypes(publisher.pools(),
                    definitions.stream().<Class<?>>map(ListenerDefinition::eventType).distinct().toList(), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidListenerException(problems);
        }
        publisher.install(new EventDispatcher(definitions, errorHandler, publisher::publish, asyncSettings,
                sampleLatency, pooling));
    }

    private static boolean isProxyClass(Class<?> type) {
        return Proxy.isProxyClass(type) || type.getName().contains(ClassUtils.CGLIB_CLASS_SEPARATOR);
    }

    private void discover(String beanName, List<ListenerDefinition> definitions, List<String> problems) {
        Class<?> targetClass = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
        if (targetClass != null && isProxyClass(targetClass) && beanFactory.isSingleton(beanName)) {
            // Proxied by hand rather than by an auto-proxy creator: only the instance knows its target class.
            targetClass = AopProxyUtils.ultimateTargetClass(beanFactory.getBean(beanName));
        }
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
            Order order = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
            int orderValue = order != null ? order.value() : Ordered.LOWEST_PRECEDENCE;
            ListenerDefinition declared = ListenerDefinition.of(beanName, bean != null ? bean : beanName, method,
                    orderValue, annotation.delivery());
            String problem = ListenerCompiler.problemWith(declared, asyncSettings != null);
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
