package io.zerogc.events.autoconfigure;

import io.zerogc.events.PooledEvent;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

/**
 * The context's {@code applicationEventMulticaster} when the bridge is on: events Spring multicasts
 * (from {@code ApplicationContext#publishEvent}, its own {@code ContextRefreshedEvent},
 * {@code ContextClosedEvent}, ...) go to the compiled {@code @ZeroGcListener} methods first, the payload
 * of a {@link PayloadApplicationEvent} unwrapped, then to the classic listeners with all of
 * {@link SimpleApplicationEventMulticaster}'s semantics (ordering, error handler, executor, lenient lambda
 * listeners).
 *
 * <p>The other direction, events published with {@code ZeroGcEventPublisher} reaching the classic
 * listeners, is {@link ClassicListenerFollower}'s, which delivers through
 * {@link #multicastToClassicListeners}.
 *
 * <p>With Spring Modulith's event publication registry, Modulith's own multicaster delivers to the
 * classic listeners instead (it records a publication per transactional listener in the publishing
 * transaction): this one keeps the context's name, takes every listener it is given on to Modulith's as
 * well, and hands every event for the classic listeners to it. It still holds the listeners itself, to
 * answer which classes they want without delivering anything.
 *
 * <p>Listener changes made here are passed on to the publisher: a removed compiled {@code @EventListener} leaves the engine too, and any change makes the engine ask
 * again which classes the classic listeners want.
 */
public class ZeroGcApplicationEventMulticaster extends SimpleApplicationEventMulticaster {

    /** Spring's adapters of the {@code @EventListener} methods the engine runs instead. */
    private final Set<ApplicationListenerMethodAdapter> compiledAdapters = ConcurrentHashMap.newKeySet();
    private final DispatchingEventPublisher publisher;
    private final boolean pooling;
    /** Spring Modulith's registry multicaster, which delivers to the classic listeners; {@code null}: this one does. */
    private final ApplicationEventMulticaster registryMulticaster;
    /** Whether Modulith's event externalizer, if any, selects events by their class's annotation. */
    private final boolean externalizerSelectsByAnnotation;

    /**
     * Spring Modulith's registry, as the starter's multicaster composes with it.
     *
     * @param multicaster Modulith's multicaster, which delivers to the classic listeners
     * @param externalizerSelectsByAnnotation whether Modulith's event externalizer, if any, selects events by
     *     their class's {@code @Externalized}, so that it counts as a listener of those classes only
     */
    record Registry(ApplicationEventMulticaster multicaster, boolean externalizerSelectsByAnnotation) {
    }

    /**
     * Creates the multicaster.
     *
     * @param beanFactory the bean factory, for listener beans
     * @param publisher the zero-allocation publisher, whose compiled listeners get what Spring multicasts
     * @param pooling whether pooled events are pooled (Spring's path then refuses them)
     */
    public ZeroGcApplicationEventMulticaster(BeanFactory beanFactory, DispatchingEventPublisher publisher,
            boolean pooling) {
        this(beanFactory, publisher, pooling, null);
    }

    /**
     * Creates the multicaster, in front of Spring Modulith's registry if there is one.
     *
     * @param registry Modulith's registry, or {@code null}
     */
    ZeroGcApplicationEventMulticaster(BeanFactory beanFactory, DispatchingEventPublisher publisher,
            boolean pooling, Registry registry) {
        super(beanFactory);
        this.publisher = publisher;
        this.pooling = pooling;
        this.registryMulticaster = registry != null ? registry.multicaster() : null;
        this.externalizerSelectsByAnnotation = registry != null && registry.externalizerSelectsByAnnotation();
    }

    @Override
    public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
        Object compiledEvent = event instanceof PayloadApplicationEvent<?> payload ? payload.getPayload() : event;
        if (pooling && compiledEvent instanceof PooledEvent) {
            // Refused before anyone sees it: classic listeners would run after the compiled ones released it.
            throw new IllegalArgumentException(compiledEvent.getClass().getName() + " is a pooled event: publish it"
                    + " with ZeroGcEventPublisher.publish, which hands it to compiled listeners only. Spring's"
                    + " publishEvent would also hand it to classic listeners, after it went back to its pool."
                    + " It is still borrowed: publish it that way, or give it back.");
        }
        publisher.dispatchCompiled(compiledEvent);
        deliverToClassicListeners(event, eventType);
    }

    /**
     * Delivers an event to the classic listeners only: for events the compiled listeners already had.
     *
     * @param event the event, wrapped as Spring wraps a payload
     */
    void multicastToClassicListeners(ApplicationEvent event) {
        deliverToClassicListeners(event, null);
    }

    private void deliverToClassicListeners(ApplicationEvent event, ResolvableType eventType) {
        if (registryMulticaster != null) { // per event: no lambda
            registryMulticaster.multicastEvent(event, eventType);
        }
        else {
            super.multicastEvent(event, eventType);
        }
    }

    /**
     * Whether any classic listener receives an event of a plain class.
     *
     * @param event a probe that carries the event's source
     * @param eventType its type, a payload type
     * @param eventClass the event's class
     * @return {@code true} if Spring would hand it to at least one listener that wants it
     */
    boolean hasClassicListeners(ApplicationEvent event, ResolvableType eventType, Class<?> eventClass) {
        for (ApplicationListener<?> listener : getApplicationListeners(event, eventType)) {
            if (!(externalizerSelectsByAnnotation && ExternalizerInterest.leavesOut(listener, eventClass))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The classic listeners registered now.
     *
     * @return the listeners, as Spring holds them
     */
    Collection<ApplicationListener<?>> classicListeners() {
        return getApplicationListeners();
    }

    /**
     * The application's classic listeners registered now, Spring's own infrastructure left out.
     *
     * @return them, in Spring's order
     */
    public List<ClassicListener> describeClassicListeners() {
        return ClassicListener.describe(getApplicationListeners());
    }

    /**
     * Whether a classic listener receives events of a type.
     *
     * @param listener the listener
     * @param eventType the event type, an {@code ApplicationEvent} or a payload type
     * @return {@code true} if it does
     */
    boolean listensTo(ApplicationListener<?> listener, Class<?> eventType) {
        ResolvableType type = ApplicationEvent.class.isAssignableFrom(eventType) ? ResolvableType.forClass(eventType)
                : ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, eventType);
        return supportsEvent(listener, type, null);
    }

    /**
     * Removes the classic adapters of {@code @EventListener} methods that are now compiled.
     *
     * @param compiled the compiled methods
     */
    void removeCompiledEventListeners(Set<Method> compiled) {
        for (ApplicationListener<?> listener : getApplicationListeners()) {
            if (listener instanceof ApplicationListenerMethodAdapter adapter
                    && compiled.contains(adapter.getTargetMethod())) {
                compiledAdapters.add(adapter);
            }
        }
        super.removeApplicationListeners(compiledAdapters::contains);
        alsoInRegistry(registry -> registry.removeApplicationListeners(compiledAdapters::contains));
        listenersChanged();
    }

    /**
     * Whatever an application removes from the multicaster that stands for a compiled {@code @EventListener}
     * (matched on Spring's own adapter of the method, so removal by listener id works as in Spring) is
     * taken out of the engine too.
     */
    private void removeCompiled(Predicate<ApplicationListener<?>> predicate) {
        Set<Method> removed = new HashSet<>();
        compiledAdapters.removeIf(adapter -> predicate.test(adapter) && removed.add(adapter.getTargetMethod()));
        if (!removed.isEmpty()) {
            publisher.removeCompiled(definition -> removed.contains(definition.method()));
        }
    }

    /** Makes a listener change in Spring Modulith's registry multicaster too, if there is one. */
    private void alsoInRegistry(Consumer<ApplicationEventMulticaster> change) {
        if (registryMulticaster != null) {
            change.accept(registryMulticaster);
        }
    }

    private void listenersChanged() {
        publisher.classicListenersChanged();
    }

    @Override
    public void addApplicationListener(ApplicationListener<?> listener) {
        super.addApplicationListener(listener);
        alsoInRegistry(registry -> registry.addApplicationListener(listener));
        listenersChanged();
    }

    @Override
    public void addApplicationListenerBean(String listenerBeanName) {
        super.addApplicationListenerBean(listenerBeanName);
        alsoInRegistry(registry -> registry.addApplicationListenerBean(listenerBeanName));
        listenersChanged();
    }

    @Override
    public void removeApplicationListener(ApplicationListener<?> listener) {
        super.removeApplicationListener(listener);
        alsoInRegistry(registry -> registry.removeApplicationListener(listener));
        removeCompiled(compiled -> compiled.equals(listener));
        listenersChanged();
    }

    @Override
    public void removeApplicationListenerBean(String listenerBeanName) {
        super.removeApplicationListenerBean(listenerBeanName);
        alsoInRegistry(registry -> registry.removeApplicationListenerBean(listenerBeanName));
        listenersChanged();
    }

    @Override
    public void removeApplicationListeners(Predicate<ApplicationListener<?>> predicate) {
        super.removeApplicationListeners(predicate);
        alsoInRegistry(registry -> registry.removeApplicationListeners(predicate));
        removeCompiled(predicate);
        listenersChanged();
    }

    @Override
    public void removeApplicationListenerBeans(Predicate<String> predicate) {
        super.removeApplicationListenerBeans(predicate);
        alsoInRegistry(registry -> registry.removeApplicationListenerBeans(predicate));
        listenersChanged();
    }

    @Override
    public void removeAllListeners() {
        super.removeAllListeners();
        alsoInRegistry(ApplicationEventMulticaster::removeAllListeners);
        removeCompiled(listener -> true);
        listenersChanged();
    }

}
