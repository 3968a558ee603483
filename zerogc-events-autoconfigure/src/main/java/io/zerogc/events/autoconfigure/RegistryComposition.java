package io.zerogc.events.autoconfigure;

import io.zerogc.events.MulticasterCustomizer;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Composes the starter's multicaster with Spring Modulith's event publication registry: Modulith
 * defines its {@code PersistentApplicationEventMulticaster} under the context's multicaster name; this
 * post-processor gives Modulith's bean the name {@value #REGISTRY_MULTICASTER_BEAN_NAME} and the
 * context's name to the starter's multicaster, which then delivers to the classic listeners through
 * Modulith's. So every event reaches the compiled listeners from the starter and the classic ones from
 * Modulith, which records a publication per transactional listener in the publishing transaction, marks
 * it completed and resubmits it, as without the starter. Any other multicaster the application defines is
 * left alone, and the starter's backs off.
 */
final class RegistryComposition implements BeanDefinitionRegistryPostProcessor, ApplicationContextAware {

    /** Spring Modulith's multicaster, which records publications in its registry. */
    static final String REGISTRY_MULTICASTER =
            "org.springframework.modulith.events.support.PersistentApplicationEventMulticaster";
    /** Spring Modulith's auto-configuration that defines it. */
    static final String REGISTRY_AUTO_CONFIGURATION =
            "org.springframework.modulith.events.config.EventPublicationAutoConfiguration";
    /** Where Modulith's multicaster stays a bean (its {@code IncompleteEventPublications}, ...). */
    static final String REGISTRY_MULTICASTER_BEAN_NAME = "persistentApplicationEventMulticaster";

    private ApplicationContext context;

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        String name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME;
        if (!(registry instanceof ConfigurableListableBeanFactory beanFactory)
                || !registry.containsBeanDefinition(name)
                || !definesRegistryMulticaster(registry.getBeanDefinition(name), beanFactory.getBeanClassLoader())) {
            return;
        }
        BeanDefinition registryMulticaster = registry.getBeanDefinition(name);
        registry.removeBeanDefinition(name);
        registry.registerBeanDefinition(REGISTRY_MULTICASTER_BEAN_NAME, registryMulticaster);
        boolean externalizerSelectsByAnnotation = ExternalizerInterest.selectsByAnnotation(registry);
        RootBeanDefinition bridge = new RootBeanDefinition(ZeroGcApplicationEventMulticaster.class,
                () -> ZeroGcEventsAutoConfiguration.bridge(beanFactory, context,
                        beanFactory.getBean(DispatchingEventPublisher.class),
                        beanFactory.getBean(ZeroGcEventsProperties.class),
                        beanFactory.getBeanProvider(MulticasterCustomizer.class),
                        new ZeroGcApplicationEventMulticaster.Registry(
                                beanFactory.getBean(REGISTRY_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class),
                                externalizerSelectsByAnnotation)));
        bridge.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, bridge);
    }

    /** Whether a bean definition makes Modulith's multicaster (or a subclass), read without creating it. */
    private static boolean definesRegistryMulticaster(BeanDefinition definition, ClassLoader classLoader) {
        String type = definition.getBeanClassName();
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            if (factoryMethod != null) {
                type = factoryMethod.getReturnTypeName();
            }
        }
        if (type == null || !ClassUtils.isPresent(type, classLoader)) {
            return false;
        }
        Class<?> made = ClassUtils.resolveClassName(type, classLoader);
        Class<?> registryMulticaster = ClassUtils.resolveClassName(REGISTRY_MULTICASTER, classLoader);
        return registryMulticaster.isAssignableFrom(made);
    }
}
