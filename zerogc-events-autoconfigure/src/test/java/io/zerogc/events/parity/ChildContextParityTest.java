package io.zerogc.events.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Parent and child contexts, as Spring has them for {@code @EventListener} (its
 * {@code ApplicationContextEventTests} publish in a child and expect the parent's listeners to hear it):
 * each context compiles its own listeners and has its own publisher; an event published in the child
 * reaches the child's listeners, compiled then classic, and then the parent's; an event published in
 * the parent never reaches the child.
 */
class ChildContextParityTest {

    record Shipped(String id) {
    }




    /** Listeners of one context, each kind, writing to the parent's journal. */
    static class Listeners {

        private final String context;
        private final Journal journal;

        Listeners(String context, Journal journal) {
            this.context = context;
            this.journal = journal;
        }

        @ZeroGcListener
        @Order(0)
        public void compiled(Shipped shipped) {
            journal.entries.add(context + "-compiled:" + shipped.id());
        }

        @EventListener
        @Order(1) // after the compiled ones, so compile-event-listeners may compile it
        public void classic(Shipped shipped) {
            journal.entries.add(context + "-classic:" + shipped.id());
        }

        @EventListener
        public void audited(Audited audited) {
            journal.entries.add(context + "-audited:" + audited.subject());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class ParentApp {

        @Bean
        Journal journal() {
            return new Journal();
        }

        @Bean
        Listeners parentListeners(Journal journal) {
            return new Listeners("parent", journal);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class ChildApp {

        @Bean
        Listeners childListeners(Journal journal) {
            return new Listeners("child", journal);
        }

        @Bean
        Sender sender(ApplicationEventPublisher publisher) {
            return new Sender(publisher);
        }
    }

    /** Existing code: publishes through an injected ApplicationEventPublisher. */
    record Sender(ApplicationEventPublisher publisher) {
    }

    @ParameterizedTest(name = "compile-event-listeners={0}")
    @ValueSource(booleans = { false, true })
    void eachContextHasItsOwnEngineAndChildEventsReachTheParent(boolean compile) {
        String[] properties = { "zerogc.events.compile-event-listeners=" + compile };
        try (ConfigurableApplicationContext parent = new SpringApplicationBuilder(ParentApp.class)
                .web(WebApplicationType.NONE).properties(properties).run();
                ConfigurableApplicationContext child = new SpringApplicationBuilder(ChildApp.class).parent(parent)
                        .web(WebApplicationType.NONE).properties(properties).run()) {
            Journal journal = parent.getBean(Journal.class);
            ZeroGcEventPublisher childPublisher = child.getBean(ZeroGcEventPublisher.class);
            assertThat(childPublisher).isNotSameAs(parent.getBean(ZeroGcEventPublisher.class));
            assertThat(child.getBean(Sender.class).publisher()).isSameAs(childPublisher);
            journal.entries.clear();

            childPublisher.publish(new Shipped("a"));
            assertThat(journal.entries).containsExactly("child-compiled:a", "child-classic:a", "parent-compiled:a",
                    "parent-classic:a");

            journal.entries.clear();
            child.getBean(Sender.class).publisher().publishEvent(new Shipped("b"));
            assertThat(journal.entries).containsExactly("child-compiled:b", "child-classic:b", "parent-compiled:b",
                    "parent-classic:b");

            journal.entries.clear();
            child.publishEvent(new Shipped("c"));
            assertThat(journal.entries).containsExactly("child-compiled:c", "child-classic:c", "parent-compiled:c",
                    "parent-classic:c");

            journal.entries.clear(); // Spring's eventClassWithInterfaceOnParentContext
            childPublisher.publish(new Refund("till"));
            assertThat(journal.entries).containsExactly("child-audited:refund", "parent-audited:refund");

            journal.entries.clear();
            parent.getBean(ZeroGcEventPublisher.class).publish(new Shipped("d"));
            parent.publishEvent(new Shipped("e"));
            assertThat(journal.entries).containsExactly("parent-compiled:d", "parent-classic:d", "parent-compiled:e",
                    "parent-classic:e");
        }
    }
}
