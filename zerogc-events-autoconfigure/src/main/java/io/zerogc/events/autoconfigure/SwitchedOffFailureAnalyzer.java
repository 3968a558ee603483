package io.zerogc.events.autoconfigure;

import io.zerogc.events.ZeroGcEventPublisher;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A bean needs the {@code ZeroGcEventPublisher} while {@code zerogc.events.enabled=false}: says that the
 * starter is switched off and by which property, where Boot's own report would say only that no such bean
 * was found.
 */
final class SwitchedOffFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
        implements Ordered {

    static final String PROPERTY = "zerogc.events.enabled";

    private final Environment environment;

    SwitchedOffFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> wanted = cause.getBeanType();
        if (wanted == null || !ZeroGcEventPublisher.class.isAssignableFrom(wanted)
                || environment.getProperty(PROPERTY, Boolean.class, true)) {
            return null;
        }
        UnsatisfiedDependencyException dependency = findCause(rootFailure, UnsatisfiedDependencyException.class);
        String who = dependency != null && dependency.getBeanName() != null ? "Bean '" + dependency.getBeanName()
                + "'" : "A bean";
        return new FailureAnalysis(who + " needs a bean of type " + wanted.getName() + ", but zerogc-events is switched off by "
                + PROPERTY + "=false, so the starter defines none.", "Remove " + PROPERTY + "=false (or set it to"
                + " true) to have the starter's publisher, or make the beans that need it conditional on the"
                + " property too.", cause);
    }

    /** Before Boot's report of a missing bean, which it refines. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
