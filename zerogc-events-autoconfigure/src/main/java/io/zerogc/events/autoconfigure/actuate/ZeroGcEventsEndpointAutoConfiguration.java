package io.zerogc.events.autoconfigure.actuate;

import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcApplicationEventMulticaster;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.autoconfigure.kafka.KafkaStatisticsSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ZeroGcEventsEndpoint zerogcevents}
 * actuator endpoint.
 */
@AutoConfiguration(after = ZeroGcEventsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(value = DispatchingEventPublisher.class, search = SearchStrategy.CURRENT)
public final class ZeroGcEventsEndpointAutoConfiguration {

    // On the method, not the class: its condition class is only loaded once actuator is known present.
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    ZeroGcEventsEndpoint zeroGcEventsEndpoint(DispatchingEventPublisher zeroGcEventPublisher,
            ObjectProvider<KafkaStatisticsSource> kafka, ObjectProvider<ZeroGcApplicationEventMulticaster> bridge) {
        return new ZeroGcEventsEndpoint(zeroGcEventPublisher, kafka.getIfAvailable(), bridge.getIfAvailable());
    }
}
