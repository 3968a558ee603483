package io.zerogc.events.autoconfigure;

import java.lang.reflect.Method;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.type.MethodMetadata;

/**
 * Which event classes Spring Modulith's event externalizer wants, told from the class where its default
 * selection allows. The externalizer listens to every {@code Object} and picks events one by one
 * ({@code EventExternalizationConfiguration#supports(Object)}), so by its declared type it wants every
 * class, and each event published with {@code ZeroGcEventPublisher} would go through Modulith's
 * multicaster, allocating. Modulith's default configuration selects classes annotated
 * {@code @Externalized} (its own or jMolecules'), which the class tells: with it, the externalizer does not
 * count as a listener of any other class. A configuration of the application's own may select by
 * instance: the externalizer then counts for every class.
 */
final class ExternalizerInterest {

    /** What Modulith's externalizers (Kafka, AMQP, JMS, ...) extend. */
    static final String EXTERNALIZER = "org.springframework.modulith.events.support.EventExternalizationSupport";
    private static final String CONFIGURATION = "org.springframework.modulith.events.EventExternalizationConfiguration";
    private static final String DEFAULT_CONFIGURATION_SOURCE =
            "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration";

    private ExternalizerInterest() {
    }

    /**
     * Whether the application's externalization configuration is Modulith's default, read from the bean
     * definitions without creating anything.
     *
     * @param registry the definitions
     * @return {@code true} if exactly the auto-configured default is defined
     */
    static boolean selectsByAnnotation(BeanDefinitionRegistry registry) {
        int defaults = 0;
        int others = 0;
        for (String name : registry.getBeanDefinitionNames()) {
            if (registry.getBeanDefinition(name) instanceof AnnotatedBeanDefinition annotated) {
                MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
                if (factoryMethod != null && CONFIGURATION.equals(factoryMethod.getReturnTypeName())) {
                    if (DEFAULT_CONFIGURATION_SOURCE.equals(factoryMethod.getDeclaringClassName())) {
                        defaults++;
                    }
                    else {
                        others++;
                    }
                }
            }
            else if (CONFIGURATION.equals(registry.getBeanDefinition(name).getBeanClassName())) {
                others++;
            }
        }
        return defaults == 1 && others == 0;
    }

    /**
     * Whether a classic listener is Modulith's externalizer and leaves a class out by the default
     * selection: the class carries no annotation named {@code Externalized}, which would be a superset of
     * what Modulith selects.
     *
     * @param listener a classic listener that wants the class by its declared type
     * @param eventClass the event class
     * @return {@code true} if it does not want the class's events after all
     */
    static boolean leavesOut(ApplicationListener<?> listener, Class<?> eventClass) {
        if (!(listener instanceof ApplicationListenerMethodAdapter adapter)) {
            return false;
        }
        Method method = adapter.getTargetMethod();
        if (!isExternalizer(method.getDeclaringClass())) {
            return false;
        }
        return MergedAnnotations.from(eventClass, SearchStrategy.TYPE_HIERARCHY).stream()
                .noneMatch(annotation -> annotation.getType().getSimpleName().equals("Externalized"));
    }

    private static boolean isExternalizer(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            if (at.getName().equals(EXTERNALIZER)) {
                return true;
            }
        }
        return false;
    }
}
