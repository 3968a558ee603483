package io.zerogc.events.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for zerogc-events' Micrometer meters.
 */
@AutoConfiguration(after = ZeroGcEventsAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DispatchingEventPublisher.class })
public final class ZeroGcEventsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ZeroGcEventsMeterBinder zeroGcEventsMeterBinder(DispatchingEventPublisher zeroGcEventPublisher) {
        return new ZeroGcEventsMeterBinder(zeroGcEventPublisher);
    }
}
