package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpointAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * The endpoint lists the listeners on Spring's path beside the compiled ones, so that a reader sees
 * everything that receives an event: {@code @EventListener} methods not compiled, {@code ApplicationListener}
 * beans; compiled methods appear among the compiled listeners only, Spring's own listeners not at all.
 */
class ClassicListenersEndpointTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class,
                    EndpointAutoConfiguration.class, ZeroGcEventsEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=zerogcevents");

    record Shipped(String id) {
    }

    record Returned(String id) {
    }

    static class Methods {

        @EventListener
        @Order(5)
        public void shipped(Shipped event) {
        }

        @EventListener(classes = {Shipped.class, Returned.class})
        public void either() {
        }

        @EventListener(condition = "#event.id == 'x'")
        public void conditional(Returned event) {
        }
    }

    static class Refreshed implements ApplicationListener<ContextRefreshedEvent> {

        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
        }
    }

    private static List<ClassicListener> classic(org.springframework.context.ApplicationContext context) {
        return context.getBean(ZeroGcEventsEndpoint.class).report().classicListeners();
    }

    @Test
    void everyClassicListenerOfTheApplicationIsListedWithItsTypes() {
        runner.withBean(Methods.class).withBean(Refreshed.class).run(context -> assertThat(classic(context))
                .containsExactlyInAnyOrder(
                        new ClassicListener("Methods.shipped(Shipped)", List.of(Shipped.class.getName()), 5, "CLASSIC"),
                        new ClassicListener("Methods.either()", List.of(Shipped.class.getName(),
                                Returned.class.getName()), Integer.MAX_VALUE, "CLASSIC"),
                        new ClassicListener("Methods.conditional(Returned)", List.of(Returned.class.getName()),
                                Integer.MAX_VALUE, "CLASSIC"),
                        new ClassicListener("Refreshed.onApplicationEvent(ContextRefreshedEvent)",
                                List.of(ContextRefreshedEvent.class.getName()), Integer.MAX_VALUE, "CLASSIC")));
    }

    @Test
    void compiledEventListenersAreListedAsCompiledOnly() {
        runner.withBean(Methods.class).withPropertyValues("zerogc.events.compile-event-listeners=true")
                .run(context -> {
                    // The plain ones are compiled; the conditional and the parameterless stay on Spring's path.
                    assertThat(classic(context)).extracting(ClassicListener::method)
                            .containsExactlyInAnyOrder("Methods.either()", "Methods.conditional(Returned)");
                    assertThat(context.getBean(ZeroGcEventsEndpoint.class).eventType(Shipped.class.getName())
                            .eventType().listeners()).extracting(l -> l.method())
                            .containsExactly("Methods.shipped(Shipped)");
                });
    }

    @Test
    void withoutTheBridgeNoneIsListed() {
        runner.withBean(Methods.class).withPropertyValues("zerogc.events.bridge.enabled=false")
                .run(context -> assertThat(classic(context)).isEmpty());
    }
}
