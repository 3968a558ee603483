package io.zerogc.events.autoconfigure;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ZeroGcEventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for zero-allocation event publishing.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "zerogc.events.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(ZeroGcEventPublisher.class)
@EnableConfigurationProperties(ZeroGcEventsProperties.class)
public final class ZeroGcEventsAutoConfiguration {

    @Bean
    DispatchingEventPublisher zeroGcEventPublisher() {
        return new DispatchingEventPublisher();
    }

    @Bean
    static ListenerDiscovery zeroGcListenerDiscovery(ConfigurableListableBeanFactory beanFactory,
            DispatchingEventPublisher zeroGcEventPublisher, ZeroGcEventsProperties properties,
            ObjectProvider<ListenerErrorHandler> errorHandler) {
        ListenerErrorHandler handler = errorHandler.getIfUnique(() ->
                properties.getErrorPolicy() == ZeroGcEventsProperties.ErrorPolicy.LOG_AND_CONTINUE
                        ? new LoggingListenerErrorHandler() : null);
        return new ListenerDiscovery(beanFactory, zeroGcEventPublisher, handler);
    }
}
