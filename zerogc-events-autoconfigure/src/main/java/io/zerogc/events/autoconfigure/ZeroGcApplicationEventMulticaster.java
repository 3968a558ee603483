package io.zerogc.events.autoconfigure;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.dispatch.EventFollower;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * The context's {@code applicationEventMulticaster}: joins Spring's event path and the compiled one,
 * in both directions.
 *
 * <ul>
 * <li>Events Spring multicasts (from {@code ApplicationContext#publishEvent}, its own
 *     {@code ContextRefreshedEvent}, {@code ContextClosedEvent}, ...) go to the compiled
 *     {@code @ZeroGcListener} methods first, the payload of a {@link PayloadApplicationEvent}
 *     unwrapped, then to the classic listeners with all of {@link SimpleApplicationEventMulticaster}'s
 *     semantics (ordering, error handler, executor, lenient lambda listeners).</li>
 * <li>Events published with {@code ZeroGcEventPublisher} go to the classic listeners after the compiled
 *     ones, wrapped as Spring would wrap them, and on to the parent context: the multicaster is the
 *     engine's {@link EventFollower}. Whether any classic listener wants a plain event class is decided
 *     once per class and listener set and kept in the engine's route for the class: a class nobody
 *     classic listens to costs nothing more, and allocates nothing. Events Spring matches per instance
 *     ({@code ApplicationEvent}s, by type and source; {@link ResolvableTypeProvider}s, by their
 *     resolved generic type) go through Spring's own lookup each time.</li>
 * </ul>
 */
public class ZeroGcApplicationEventMulticaster extends SimpleApplicationEventMulticaster
        implements InitializingBean, EventFollower {

    private final BeanFactory beanFactory;
    /** Spring's adapters of the {@code @EventListener} methods the engine runs instead. */
    private final Set<ApplicationListenerMethodAdapter> compiledAdapters = ConcurrentHashMap.newKeySet();
    private final DispatchingEventPublisher publisher;
    private final ApplicationContext context;
    private final boolean pooling;
    private final boolean replacePublisher;

    /**
     * Creates the multicaster and attaches it to the publisher.
     *
     * @param beanFactory the bean factory, for listener beans
     * @param context the context, the source of the events it wraps and the way to its parent
     * @param publisher the zero-allocation publisher
     * @param pooling whether pooled events are pooled (they are then not handed to classic listeners,
     *     which could keep them past their release)
     * @param replacePublisher whether beans that inject an {@code ApplicationEventPublisher} get the
     *     zero-allocation publisher instead of the context
     */
    public ZeroGcApplicationEventMulticaster(BeanFactory beanFactory, ApplicationContext context,
            DispatchingEventPublisher publisher, boolean pooling, boolean replacePublisher) {
        super(beanFactory);
        this.beanFactory = beanFactory;
        this.context = context;
        this.publisher = publisher;
        this.pooling = pooling;
        this.replacePublisher = replacePublisher;
        publisher.attachBridge(this);
    }

    /**
     * Makes the zero-allocation publisher the one injected for {@code ApplicationEventPublisher}, when
     * asked to. Spring creates the multicaster after the post-processors and before every other
     * singleton, so post-processors keep the context and all application beans get the publisher.
     */
    @Override
    public void afterPropertiesSet() {
        if (replacePublisher && this.beanFactory instanceof ConfigurableListableBeanFactory listable) {
            listable.registerResolvableDependency(ApplicationEventPublisher.class, publisher);
        }
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
        super.multicastEvent(event, eventType);
    }

    /**
     * Whether events of a class published with {@code ZeroGcEventPublisher} go on to the classic
     * listeners: asked once per class by the engine (and again after the listeners change), which keeps
     * the answer in the class's route. Events Spring matches per instance ({@code ApplicationEvent}s, by
     * type and source; {@link ResolvableTypeProvider}s, by their resolved generic type) always go, and
     * Spring matches each. A plain class goes when a classic listener (or a parent context) wants it:
     * such events are matched by class and their source is always the context.
     *
     * @param eventClass a concrete event class
     * @return {@code true} if its events go to {@link #follow}
     */
    @Override
    public boolean follows(Class<?> eventClass) {
        if (ApplicationEvent.class.isAssignableFrom(eventClass)) {
            return true;
        }
        if (pooling && PooledEvent.class.isAssignableFrom(eventClass)) {
            return false; // classic listeners could keep it past its release
        }
        if (ResolvableTypeProvider.class.isAssignableFrom(eventClass) || context.getParent() != null) {
            return true;
        }
        ApplicationEvent probe = new PayloadApplicationEvent<Object>(context, eventClass); // carries the source
        return !getApplicationListeners(probe, ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class,
                eventClass)).isEmpty();
    }

    /**
     * Delivers an event published with {@code ZeroGcEventPublisher} to the classic listeners, wrapped as
     * Spring would wrap it, and to the parent context.
     *
     * @param event the event, already delivered to the compiled listeners
     */
    @Override
    public void follow(Object event) {
        ApplicationEvent applicationEvent = event instanceof ApplicationEvent ready ? ready
                : new PayloadApplicationEvent<>(context, event);
        super.multicastEvent(applicationEvent, null);
        ApplicationContext parent = context.getParent();
        if (parent != null) {
            parent.publishEvent(event);
        }
    }

    /**
     * Publishes through the context, as plain Spring code would: for events published before the
     * compiled listeners exist.
     *
     * @param event the event
     */
    void publishThroughContext(Object event) {
        context.publishEvent(event);
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

    private void listenersChanged() {
        publisher.classicListenersChanged();
    }

    @Override
    public void addApplicationListener(ApplicationListener<?> listener) {
        super.addApplicationListener(listener);
        listenersChanged();
    }

    @Override
    public void addApplicationListenerBean(String listenerBeanName) {
        super.addApplicationListenerBean(listenerBeanName);
        listenersChanged();
    }

    @Override
    public void removeApplicationListener(ApplicationListener<?> listener) {
        super.removeApplicationListener(listener);
        removeCompiled(compiled -> compiled.equals(listener));
        listenersChanged();
    }

    @Override
    public void removeApplicationListenerBean(String listenerBeanName) {
        super.removeApplicationListenerBean(listenerBeanName);
        listenersChanged();
    }

    @Override
    public void removeApplicationListeners(Predicate<ApplicationListener<?>> predicate) {
        super.removeApplicationListeners(predicate);
        removeCompiled(predicate);
        listenersChanged();
    }

    @Override
    public void removeApplicationListenerBeans(Predicate<String> predicate) {
        super.removeApplicationListenerBeans(predicate);
        listenersChanged();
    }

    @Override
    public void removeAllListeners() {
        super.removeAllListeners();
        removeCompiled(listener -> true);
        listenersChanged();
    }

}
