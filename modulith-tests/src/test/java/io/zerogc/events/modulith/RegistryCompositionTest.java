package io.zerogc.events.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.MulticasterCustomizer;
import io.zerogc.events.autoconfigure.ZeroGcApplicationEventMulticaster;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.config.EventPublicationAutoConfiguration;
import org.springframework.modulith.events.support.PersistentApplicationEventMulticaster;
import org.springframework.util.ClassUtils;

/** How the starter's multicaster and Modulith's registry multicaster are put together, and when they are not. */
class RegistryCompositionTest {

    private static final String MULTICASTER = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME;

    private static List<Class<?>> modulith() {
        return List.of(DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                EventPublicationAutoConfiguration.class, ClassUtils.resolveClassName(
                        "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration", null),
                ClassUtils.resolveClassName(
                        "org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration", null));
    }

    private static ApplicationContextRunner runner(boolean starterFirst) {
        List<Class<?>> configurations = new ArrayList<>(modulith());
        if (starterFirst) {
            configurations.add(0, ZeroGcEventsAutoConfiguration.class);
        }
        else {
            configurations.add(ZeroGcEventsAutoConfiguration.class);
        }
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(configurations.toArray(Class<?>[]::new)))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:composition;DB_CLOSE_DELAY=-1",
                        "spring.modulith.events.jdbc.schema-initialization.enabled=true");
    }

    @Test
    void theStarterFrontsModulithsMulticasterWhicheverAutoConfigurationIsListedFirst() {
        for (boolean starterFirst : new boolean[] {true, false}) {
            runner(starterFirst).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(MULTICASTER)).isInstanceOf(ZeroGcApplicationEventMulticaster.class);
                // Modulith's stays a bean, with what it offers the application.
                assertThat(context.getBean(IncompleteEventPublications.class))
                        .isSameAs(context.getBean("persistentApplicationEventMulticaster"))
                        .isInstanceOf(PersistentApplicationEventMulticaster.class);
            });
        }
    }

    @Test
    void withTheBridgeOffModulithsMulticasterIsTheContextsAndTheStarterStillStarts() {
        runner(true).withPropertyValues("zerogc.events.bridge.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MULTICASTER)).isInstanceOf(PersistentApplicationEventMulticaster.class);
            assertThat(context).doesNotHaveBean("persistentApplicationEventMulticaster");
        });
    }

    @Test
    void aMulticasterCustomizerIsAStartupErrorNamingItSinceModulithsMulticasterHasNothingToCustomize() {
        runner(true).withBean(MulticasterCustomizer.class, () -> multicaster -> multicaster.setErrorHandler(error -> { }))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("MulticasterCustomizer beans")
                        .hasMessageContaining(PersistentApplicationEventMulticaster.class.getName()));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMulticaster {

        @Bean(name = MULTICASTER)
        SimpleApplicationEventMulticaster applicationEventMulticaster() {
            return new SimpleApplicationEventMulticaster();
        }
    }

    @Test
    void anyOtherMulticasterOfTheApplicationIsLeftAloneAndTheStarterBacksOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
                .withUserConfiguration(OwnMulticaster.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MULTICASTER)).isExactlyInstanceOf(SimpleApplicationEventMulticaster.class);
                    assertThat(context).doesNotHaveBean(ZeroGcApplicationEventMulticaster.class);
                });
    }
}
