package io.zerogc.events.autoconfigure;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.dispatch.EventFollower;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * The engine's {@link EventFollower} when the bridge is on: events published with
 * {@code ZeroGcEventPublisher} go on to the application's classic listeners ({@code @EventListener},
 * {@code ApplicationListener}, ...) after the compiled ones, wrapped as Spring would wrap them, and to the
 * parent context.
 *
 * <p>Whether any classic listener wants a plain event class is decided once per class and listener set
 * and kept in the engine's route for the class: a class nobody classic listens to costs nothing more,
 * and allocates nothing. Events Spring matches per instance ({@code ApplicationEvent}s, by type and
 * source; {@link ResolvableTypeProvider}s, by their resolved generic type) go through Spring's own lookup
 * each time.
 */
final class ClassicListenerFollower implements EventFollower {

    private final ZeroGcApplicationEventMulticaster multicaster;
    private final ApplicationContext context;
    private final boolean pooling;

    /**
     * @param context the context, the source of the events it wraps and the way to its parent
     * @param pooling whether pooled events are pooled (they are then not handed to classic listeners,
     *     which could keep them past their release)
     */
    ClassicListenerFollower(ZeroGcApplicationEventMulticaster multicaster, ApplicationContext context,
            boolean pooling) {
        this.multicaster = multicaster;
        this.context = context;
        this.pooling = pooling;
    }

    /**
     * Whether events of a class go on to the classic listeners: asked once per class by the engine (and
     * again after the listeners change). Events Spring matches per instance always go, and Spring matches
     * each. A plain class goes when a classic listener (or a parent context) wants it: such events are
     * matched by class and their source is always the context.
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
        return multicaster.hasClassicListeners(probe,
                ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, eventClass), eventClass);
    }

    /** Delivers the event to the classic listeners, wrapped as Spring would wrap it, and to the parent. */
    @Override
    public void follow(Object event) {
        ApplicationEvent applicationEvent = event instanceof ApplicationEvent ready ? ready
                : new PayloadApplicationEvent<>(context, event);
        multicaster.multicastToClassicListeners(applicationEvent);
        ApplicationContext parent = context.getParent();
        if (parent != null) {
            parent.publishEvent(event);
        }
    }

    /**
     * Publishes through the context, as plain Spring code would: for events published before the
     * compiled listeners exist. The context holds the event until its listeners are registered; its
     * multicaster hands it to the publisher's compiled side, which holds it for the compiled listeners.
     */
    void publishThroughContext(Object event) {
        context.publishEvent(event);
    }
}
