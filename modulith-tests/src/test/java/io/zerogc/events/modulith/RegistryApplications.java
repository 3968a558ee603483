package io.zerogc.events.modulith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;

/** Starts the application over a named in-memory H2 database, with or without the starter, and reads its registry. */
final class RegistryApplications {

    private RegistryApplications() {
    }

    /**
     * Starts the application.
     *
     * @param starter whether the starter is on ({@code zerogc.events.enabled})
     * @param database the H2 database's name: the same name is the same database, across contexts
     * @param properties further properties
     * @return the running context
     */
    static ConfigurableApplicationContext start(boolean starter, String database, String... properties) {
        return new SpringApplicationBuilder(RegistryApplication.class)
                .web(WebApplicationType.NONE)
                .properties("zerogc.events.enabled=" + starter,
                        "spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1")
                .properties(properties)
                .run();
    }

    /** Publications the registry holds as completed. */
    static int completed(ConfigurableApplicationContext context) {
        return context.getBean(CompletedEventPublications.class).findAll().size();
    }

    /** Publications the registry holds as not completed (failed or not yet processed). */
    static int incomplete(ConfigurableApplicationContext context) {
        return context.getBean(EventPublicationRegistry.class).findIncompletePublications().size();
    }
}
