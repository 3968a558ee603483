package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Actuator and Micrometer are optional: the starter works without them, and uses them when present.
 */
class OptionalIntegrationsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class,
                    EndpointAutoConfiguration.class));

    @Test
    void worksWithNeitherActuatorNorMicrometer() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ZeroGcEventPublisher.class)
                            .doesNotHaveBean(ZeroGcEventsEndpoint.class)
                            .doesNotHaveBean(ZeroGcEventsMeterBinder.class);
                    context.getBean(ZeroGcEventPublisher.class).publish("still works");
                });
    }

    @Test
    void providesTheEndpointAndTheMeterBinderWhenPresent() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=zerogcevents").run(context -> assertThat(context).hasSingleBean(ZeroGcEventsEndpoint.class)
                .hasSingleBean(ZeroGcEventsMeterBinder.class));
    }

    @Test
    void theEndpointIsOnlyCreatedWhenAvailable() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ZeroGcEventsEndpoint.class)
                .hasSingleBean(ZeroGcEventsMeterBinder.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=zerogcevents",
                "management.endpoint.zerogcevents.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(ZeroGcEventsEndpoint.class));
    }
}
