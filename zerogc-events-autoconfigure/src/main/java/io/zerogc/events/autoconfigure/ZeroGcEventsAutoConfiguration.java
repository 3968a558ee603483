package io.zerogc.events.autoconfigure;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.MulticasterCustomizer;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.dispatch.DispatcherSettings;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for zero-allocation event publishing.
 */
// After Spring Modulith's registry, whose multicaster takes the context's multicaster name unconditionally.
@AutoConfiguration(afterName = RegistryComposition.REGISTRY_AUTO_CONFIGURATION)
@ConditionalOnBooleanProperty(name = "zerogc.events.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(value = ZeroGcEventPublisher.class, search = SearchStrategy.CURRENT) // each context its own
@EnableConfigurationProperties(ZeroGcEventsProperties.class)
public final class ZeroGcEventsAutoConfiguration {

    /**
     * The lifecycle phase of asynchronous delivery: it stops (draining the ring) after the web server and
     * default-phase beans. Integrations that feed the ring stop in a higher phase, those fed by it in a
     * lower one.
     */
    public static final int ASYNC_DELIVERY_PHASE = AsyncDeliveryLifecycle.PHASE;

    @Bean
    DispatchingEventPublisher zeroGcEventPublisher(ZeroGcEventsProperties properties, ResourceLoader resourceLoader) {
        return new DispatchingEventPublisher(properties.getPool().isEnabled()
                ? PoolsFactory.create(properties.getPool(), resourceLoader.getClassLoader()) : null,
                properties.getAsync().isEnabled());
    }

    @Bean
    static ListenerDiscovery zeroGcListenerDiscovery(ConfigurableListableBeanFactory beanFactory,
            DispatchingEventPublisher zeroGcEventPublisher, ZeroGcEventsProperties properties,
            ObjectProvider<ListenerErrorHandler> errorHandler,
            ObjectProvider<ZeroGcApplicationEventMulticaster> multicaster,
            ObjectProvider<RelayContributor> contributors) {
        DispatcherSettings settings = DispatcherSettingsFactory.create(properties, errorHandler.getIfUnique(),
                beanFactory);
        // Compiling @EventListener methods means taking them off Spring's path, which only the bridge can do.
        ZeroGcApplicationEventMulticaster compilation = properties.isCompileEventListeners()
                ? multicaster.getIfAvailable() : null;
        if (properties.isCompileEventListeners() && compilation == null) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.compile-event-listeners", true,
                    "Compiling @EventListener methods needs the starter's applicationEventMulticaster: set"
                            + " zerogc.events.bridge.enabled=true and define no applicationEventMulticaster bean.");
        }
        return new ListenerDiscovery(beanFactory, zeroGcEventPublisher, settings, compilation, contributors);
    }

    /**
     * The multicaster joining Spring's event path and the compiled one, and the follower that carries
     * events published with {@code ZeroGcEventPublisher} to the classic listeners. It backs off when the
     * application defines its own {@code applicationEventMulticaster}, except Spring Modulith's registry
     * multicaster, which {@link #zeroGcRegistryComposition} puts behind it. Spring creates the multicaster
     * after the post-processors and before every other singleton, so with {@code replace-publisher}
     * post-processors keep the context and all application beans get the zero-allocation publisher when
     * they inject an {@code ApplicationEventPublisher}.
     */
    @Bean(name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
    @ConditionalOnMissingBean(name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
            search = SearchStrategy.CURRENT) // a parent context's multicaster is its own business
    @ConditionalOnBooleanProperty(name = "zerogc.events.bridge.enabled", matchIfMissing = true)
    static ZeroGcApplicationEventMulticaster applicationEventMulticaster(ConfigurableListableBeanFactory beanFactory,
            ApplicationContext context, DispatchingEventPublisher zeroGcEventPublisher,
            ZeroGcEventsProperties properties, ObjectProvider<MulticasterCustomizer> customizers) {
        return bridge(beanFactory, context, zeroGcEventPublisher, properties, customizers, null);
    }

    /**
     * Puts Spring Modulith's registry multicaster behind the starter's, when Modulith defined it under the
     * context's multicaster name (this auto-configuration runs after Modulith's, so that the starter's
     * then backs off instead of clashing).
     */
    @Bean
    @ConditionalOnClass(name = RegistryComposition.REGISTRY_MULTICASTER)
    @ConditionalOnBooleanProperty(name = "zerogc.events.bridge.enabled", matchIfMissing = true)
    static RegistryComposition zeroGcRegistryComposition() {
        return new RegistryComposition();
    }

    /**
     * Creates the starter's multicaster and joins it to the publisher: the follower, the injected
     * publisher.
     *
     * @param registry Spring Modulith's registry, or {@code null}
     */
    static ZeroGcApplicationEventMulticaster bridge(ConfigurableListableBeanFactory beanFactory,
            ApplicationContext context, DispatchingEventPublisher zeroGcEventPublisher,
            ZeroGcEventsProperties properties, ObjectProvider<MulticasterCustomizer> customizers,
            ZeroGcApplicationEventMulticaster.Registry registry) {
        boolean pooling = properties.getPool().isEnabled();
        ZeroGcApplicationEventMulticaster multicaster = new ZeroGcApplicationEventMulticaster(beanFactory,
                zeroGcEventPublisher, pooling, registry);
        List<MulticasterCustomizer> given = customizers.orderedStream().toList();
        if (registry != null && !given.isEmpty()) {
            throw new IllegalStateException("MulticasterCustomizer beans " + given.stream()
                    .map(customizer -> customizer.getClass().getName()).toList() + " customize the multicaster"
                    + " that delivers to classic listeners, but with Spring Modulith's event publication"
                    + " registry that is Modulith's " + registry.multicaster().getClass().getName() + ", which has"
                    + " no executor or error handler to set: remove them (Modulith's @ApplicationModuleListener"
                    + " is asynchronous already).");
        }
        given.forEach(customizer -> customizer.customize(multicaster));
        zeroGcEventPublisher.followWith(new ClassicListenerFollower(multicaster, context, pooling));
        if (properties.isReplacePublisher()) {
            beanFactory.registerResolvableDependency(ApplicationEventPublisher.class, zeroGcEventPublisher);
        }
        return multicaster;
    }

    @Bean
    @ConditionalOnBooleanProperty("zerogc.events.async.enabled")
    AsyncDeliveryLifecycle zeroGcAsyncDeliveryLifecycle(DispatchingEventPublisher zeroGcEventPublisher,
            ZeroGcEventsProperties properties, ConfigurableApplicationContext context) {
        return new AsyncDeliveryLifecycle(zeroGcEventPublisher, properties.getAsync().getShutdownTimeout(), context);
    }

    @Bean
    @ConditionalOnBooleanProperty("zerogc.events.async.enabled")
    DropWarnings zeroGcDropWarnings(DispatchingEventPublisher zeroGcEventPublisher, ZeroGcEventsProperties properties) {
        return new DropWarnings(zeroGcEventPublisher,
                properties.getAsync().getOverflow().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** {@code zerogc.events.kafka.enabled=true} without spring-kafka: said at startup, not ignored. */
    @Bean
    @ConditionalOnBooleanProperty("zerogc.events.kafka.enabled")
    @ConditionalOnMissingClass("org.springframework.kafka.core.KafkaTemplate")
    static Object zeroGcKafkaUnavailable() {
        throw new InvalidConfigurationPropertyValueException("zerogc.events.kafka.enabled", true,
                "Spring Kafka is not on the class path: add org.springframework.boot:spring-boot-starter-kafka, or"
                        + " remove the property.");
    }
}
