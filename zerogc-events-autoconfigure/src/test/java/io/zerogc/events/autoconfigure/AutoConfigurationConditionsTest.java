package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpointAutoConfiguration;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMeterBinder;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

/**
 * Every condition of the three auto-configurations: the core, the endpoint and the meters, each working
 * without the others' libraries.
 */
class AutoConfigurationConditionsTest {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class,
            ZeroGcEventsEndpointAutoConfiguration.class, ZeroGcEventsMetricsAutoConfiguration.class);

    private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class);

    private static final AutoConfigurations ACTUATOR_AND_METRICS = AutoConfigurations.of(
            EndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(STARTER)
            .withConfiguration(ACTUATOR_AND_METRICS)
            .withPropertyValues("management.endpoints.web.exposure.include=zerogcevents");

    @Test
    void providesThePublisherTheMulticasterTheEndpointAndTheMeters() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(DispatchingEventPublisher.class)
                .hasSingleBean(ZeroGcApplicationEventMulticaster.class).hasSingleBean(ZeroGcEventsEndpoint.class)
                .hasSingleBean(ZeroGcEventsMeterBinder.class));
    }

    @Test
    void worksWithoutActuatorAndMicrometer() {
        new ApplicationContextRunner().withConfiguration(STARTER)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ZeroGcEventPublisher.class)
                            .doesNotHaveBean(ZeroGcEventsEndpoint.class)
                            .doesNotHaveBean(ZeroGcEventsMeterBinder.class);
                    context.getBean(ZeroGcEventPublisher.class).publish("still works");
                });
    }

    @Test
    void withoutActuatorTheMetersStillBind() {
        new ApplicationContextRunner().withConfiguration(STARTER).withConfiguration(METRICS)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ZeroGcEventsEndpoint.class)
                    .hasSingleBean(ZeroGcEventsMeterBinder.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(ZeroGcEventPublisher.class).publish("counted");

            // A type no listener declares gets its meters at the next reading of the meters, not on the
            // thread that published it.
            assertThat(registry.find("zerogc.events.published").tag("type", String.class.getName())
                    .functionCounter()).isNull();
            registry.get("zerogc.events.types").gauge().value();
            assertThat(registry.get("zerogc.events.published").tag("type", String.class.getName())
                    .functionCounter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void withoutMicrometerTheEndpointStillWorks() {
        new ApplicationContextRunner().withConfiguration(STARTER)
                .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=zerogcevents")
                .withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ZeroGcEventsEndpoint.class)
                        .doesNotHaveBean(ZeroGcEventsMeterBinder.class));
    }

    @Test
    void theMetersNeedAMeterRegistry() {
        new ApplicationContextRunner().withConfiguration(STARTER)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ZeroGcEventsMeterBinder.class));
        new ApplicationContextRunner().withConfiguration(STARTER)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(ZeroGcEventsMeterBinder.class));
    }

    @Test
    void theEndpointIsOnlyCreatedWhenAvailable() {
        new ApplicationContextRunner().withConfiguration(STARTER).withConfiguration(ACTUATOR_AND_METRICS)
                .run(context -> assertThat(context).doesNotHaveBean(ZeroGcEventsEndpoint.class)
                        .hasSingleBean(ZeroGcEventsMeterBinder.class));
        runner.withPropertyValues("management.endpoint.zerogcevents.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(ZeroGcEventsEndpoint.class));
    }

    @Test
    void worksInAServletWebApplication() {
        new WebApplicationContextRunner().withConfiguration(STARTER).withConfiguration(ACTUATOR_AND_METRICS)
                .withPropertyValues("management.endpoints.web.exposure.include=zerogcevents")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ZeroGcEventsEndpoint.class);
                    assertThat(context.getBean(ApplicationEventPublisher.class))
                            .isSameAs(context.getBean(ZeroGcEventPublisher.class));
                });
    }

    @Test
    void theBridgeBacksOffFromTheApplicationsOwnMulticasterAndTheRestStays() {
        SimpleApplicationEventMulticaster own = new SimpleApplicationEventMulticaster();
        runner.withBean("applicationEventMulticaster", ApplicationEventMulticaster.class, () -> own)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ZeroGcApplicationEventMulticaster.class)
                        .hasSingleBean(DispatchingEventPublisher.class).hasSingleBean(ZeroGcEventsEndpoint.class)
                        .hasSingleBean(ZeroGcEventsMeterBinder.class));
    }

    @Test
    void switchedOffItProvidesNothing() {
        runner.withPropertyValues("zerogc.events.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ZeroGcEventPublisher.class).doesNotHaveBean(ZeroGcApplicationEventMulticaster.class)
                .doesNotHaveBean(ZeroGcEventsEndpoint.class).doesNotHaveBean(ZeroGcEventsMeterBinder.class));
    }

    @Test
    void aUsersOwnPublisherTurnsOffTheEngineItsEndpointAndItsMeters() {
        ZeroGcEventPublisher own = event -> { };
        runner.withBean(ZeroGcEventPublisher.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().getBean(ZeroGcEventPublisher.class).isSameAs(own);
            assertThat(context).doesNotHaveBean(DispatchingEventPublisher.class)
                    .doesNotHaveBean(ZeroGcEventsEndpoint.class).doesNotHaveBean(ZeroGcEventsMeterBinder.class);
        });
    }
}
