package io.zerogc.events.autoconfigure;

import io.zerogc.events.Delivery;
import io.zerogc.events.PooledEvent;
import io.zerogc.events.Subscription;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import io.zerogc.events.pool.EventPool;
import io.zerogc.events.pool.EventPools;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.context.event.ApplicationContextEvent;

/**
 * The {@link ZeroGcEventPublisher} bean: hands each event to the compiled {@link EventDispatcher}.
 *
 * <p>Listeners are compiled once all singletons exist. An event published before that (from bean
 * initialisation, say) reaches classic listeners exactly as in plain Spring, through the context's own
 * {@code publishEvent}; compiled listeners get it, in publish order, once they are compiled.
 *
 * <p>With the bridge on, an event published here reaches the application's classic listeners
 * ({@code @EventListener}, {@code ApplicationListener}, ...) after the compiled ones, through the
 * {@link ClassicListenerFollower} the auto-configuration gives it; event classes no classic listener
 * wants skip that step at the cost of one cached check.
 */
public final class DispatchingEventPublisher implements ZeroGcEventPublisher {

    private final EarlyEvents earlyEvents = new EarlyEvents();
    // Given during refresh, before install: the volatile write of dispatcher publishes it to readers.
    private ClassicListenerFollower classicListeners;
    private final List<Consumer<EventDispatcher>> installCallbacks = new ArrayList<>();
    // Written once, by install; volatile so a publisher on another thread sees the compiled listeners.
    private volatile EventDispatcher dispatcher;
    private final EventPools pools;
    /** With pooling off, the constructors {@link #borrow} hands new instances out with, per type. */
    private final Map<Class<?>, MethodHandle> unpooledConstructors = new ConcurrentHashMap<>();
    /** Whether delivery is asynchronous: what subscriptions made before installation are checked against. */
    private final boolean asynchronous;

    /**
     * Creates a publisher.
     *
     * @param pools the event pools, or {@code null} when pooling is off
     * @param asynchronous whether asynchronous delivery is on
     */
    public DispatchingEventPublisher(EventPools pools, boolean asynchronous) {
        this.pools = pools;
        this.asynchronous = asynchronous;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A subscription made before the listeners are compiled (from a bean's initialisation, say) takes
     * effect when they are, before the events published meanwhile are delivered, so it gets those too.
     */
    @Override
    public <E> Subscription subscribe(Class<E> type, Delivery delivery, Consumer<? super E> listener) {
        EventDispatcher installed = this.dispatcher;
        if (installed != null) {
            return installed.subscribe(type, delivery, listener);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(listener, "listener");
        if (delivery == Delivery.ASYNC && !asynchronous) {
            throw new IllegalStateException("A subscription to " + type.getName() + " (" + listener.getClass().getName()
                    + ") asks for Delivery.ASYNC, but asynchronous delivery is not enabled (zerogc.events.async.enabled)");
        }
        EarlySubscription early = new EarlySubscription(type, delivery, listener);
        whenInstalled(early::install);
        return early;
    }

    /** A subscription made before the listeners were compiled: made on the engine once they are. */
    private static final class EarlySubscription implements Subscription {

        private final Class<?> type;
        private final Delivery delivery;
        private final Consumer<?> listener;
        /** Guarded by this. */
        private Subscription subscribed;
        /** Guarded by this. */
        private boolean closed;

        EarlySubscription(Class<?> type, Delivery delivery, Consumer<?> listener) {
            this.type = type;
            this.delivery = delivery;
            this.listener = listener;
        }

        @SuppressWarnings("unchecked")
        synchronized void install(EventDispatcher dispatcher) {
            if (!closed) {
                subscribed = dispatcher.subscribe((Class<Object>) type, delivery, (Consumer<Object>) listener);
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (subscribed != null) {
                subscribed.close();
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With pooling off, a new instance each time (made with the type's no-arg constructor, looked up
     * once per type), which {@link #publish} then treats as a plain event: switching pooling off needs no
     * change of code.
     */
    @Override
    public <E extends PooledEvent> E borrow(Class<E> type) {
        if (pools == null) {
            return type.cast(newUnpooled(type));
        }
        return pools.borrow(type);
    }

    /** With pooling off: a new instance of a pooled type, through its constructor looked up once. */
    private Object newUnpooled(Class<?> type) {
        MethodHandle constructor = unpooledConstructors.computeIfAbsent(type, EventPool::constructorOf);
        try {
            return constructor.invoke();
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Constructor of " + type.getName() + " failed", ex);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With pooling off, the instance was a new one: there is nothing to give it back to, and nothing
     * happens.
     */
    @Override
    public void giveBack(PooledEvent event) {
        Objects.requireNonNull(event, "event");
        if (pools != null) {
            EventPool.giveBack(event);
        }
    }

    /**
     * The event pools.
     *
     * @return the pools, or {@code null} when pooling is off
     */
    public EventPools pools() {
        return pools;
    }

    @Override
    public boolean awaitDelivery(Duration timeout) throws InterruptedException {
        EventDispatcher installed = this.dispatcher;
        return installed != null && installed.awaitDelivery(timeout);
    }

    @Override
    public void publish(Object event) {
        Objects.requireNonNull(event, "event must not be null");
        EventDispatcher dispatcher = this.dispatcher;
        if (dispatcher == null) {
            publishBeforeCompilation(event);
            return;
        }
        dispatcher.publish(event); // the bridge, if any, follows: one route lookup for both
    }

    /**
     * Publishes an event that came in from another instance (through a broker): as {@link #publish}, but
     * never to a relay that would carry it back out.
     *
     * @param event the event, not a pooled container
     * @throws IllegalStateException before the listeners are compiled (integrations start after that)
     */
    public void publishReceived(Object event) {
        Objects.requireNonNull(event, "event must not be null");
        EventDispatcher dispatcher = this.dispatcher;
        if (dispatcher == null) {
            throw new IllegalStateException("Listeners are not compiled yet: received " + event.getClass().getName()
                    + " too early");
        }
        dispatcher.publishReceived(event);
    }

    /**
     * Delivers an event that came through Spring's own publishing path to the compiled listeners only:
     * Spring's multicaster takes care of the classic ones.
     *
     * @param event the event, or the payload of a {@code PayloadApplicationEvent}
     */
    void dispatchCompiled(Object event) {
        EventDispatcher dispatcher = this.dispatcher;
        if (dispatcher == null) {
            holdForCompiledListeners(event);
        }
        else if (event instanceof ApplicationContextEvent) {
            // Spring's own lifecycle events reach every listener, also while asynchronous delivery is stopped.
            dispatcher.dispatchEvenIfStopped(event);
        }
        else {
            dispatcher.dispatch(event);
        }
    }

    /**
     * Takes compiled listeners out, for the multicaster when the application removes their
     * {@code @EventListener} methods.
     *
     * @param which the listeners to remove
     */
    void removeCompiled(Predicate<ListenerDefinition> which) {
        whenInstalled(dispatcher -> dispatcher.removeListeners(which));
    }

    /**
     * Makes events published here go on to the classic listeners, and those published before the compiled
     * listeners exist go through the context; before the listeners are installed.
     *
     * @param follower the follower of the classic listeners
     */
    void followWith(ClassicListenerFollower follower) {
        this.classicListeners = follower;
    }

    /**
     * The compiled dispatcher, once listeners are installed.
     *
     * @return the dispatcher, or {@code null} before startup has compiled the listeners
     */
    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Compiles the listeners, with the bridge (if any) following what is published here.
     *
     * @param definitions the listeners
     * @param settings how the engine delivers
     * @throws IllegalStateException if listeners were installed already
     */
    void install(List<ListenerDefinition> definitions, DispatcherSettings settings) {
        ClassicListenerFollower follower = this.classicListeners;
        install(new EventDispatcher(definitions, follower != null ? settings.withFollower(follower) : settings));
    }

    /**
     * Tells the engine that the classic listeners changed, so that it asks the bridge again which event
     * classes they want.
     */
    void classicListenersChanged() {
        EventDispatcher installed = this.dispatcher;
        if (installed != null) {
            installed.followerChanged();
        }
    }

    /**
     * Installs the compiled listeners, starts asynchronous delivery, and delivers the events published
     * before.
     *
     * @param compiled the dispatcher
     * @throws IllegalStateException if listeners were installed already
     */
    private void install(EventDispatcher compiled) {
        compiled.start();
        List<Consumer<EventDispatcher>> callbacks;
        synchronized (installCallbacks) {
            if (this.dispatcher != null) {
                throw new IllegalStateException("Listeners are already installed");
            }
            this.dispatcher = compiled;
            callbacks = List.copyOf(installCallbacks);
            installCallbacks.clear();
        }
        List<Object> held = earlyEvents.release(); // after the dispatcher is visible: no event falls between
        callbacks.forEach(callback -> callback.accept(compiled));
        for (Object early : held) {
            compiled.dispatch(early);
        }
    }

    /**
     * Runs a callback with the compiled dispatcher: now if installed, else once it is.
     *
     * @param callback what to run, once
     */
    public void whenInstalled(Consumer<EventDispatcher> callback) {
        EventDispatcher installed;
        synchronized (installCallbacks) {
            installed = this.dispatcher;
            if (installed == null) {
                installCallbacks.add(callback);
                return;
            }
        }
        callback.accept(installed);
    }

    /**
     * An event published before the listeners are compiled (from a bean's initialisation, say). Classic
     * listeners get what plain Spring gives them: the context's own {@code publishEvent} holds the event
     * until its listeners are registered and delivers it at once after that. The context's multicaster
     * hands it back through {@link #dispatchCompiled}, which holds it for the compiled listeners. A pooled
     * event, which only compiled listeners receive, is held for them directly, still borrowed.
     */
    private void publishBeforeCompilation(Object event) {
        ClassicListenerFollower follower = this.classicListeners;
        if (follower != null && !(pools != null && event instanceof PooledEvent)) {
            follower.publishThroughContext(event); // a pooled event never reaches classic listeners: held below
        }
        else {
            holdForCompiledListeners(event);
        }
    }

    private void holdForCompiledListeners(Object event) {
        if (!earlyEvents.hold(event)) {
            dispatcher.dispatch(event); // installed meanwhile: the dispatcher was set before holding ended
        }
    }
}
