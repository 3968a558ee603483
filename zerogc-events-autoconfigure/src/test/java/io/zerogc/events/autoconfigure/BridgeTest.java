package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.MulticasterCustomizer;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Both directions of compatibility with Spring's event path, modelled on Spring Framework's own event
 * tests, asserted with mixed classic and compiled listeners.
 */
class BridgeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withBean(Journal.class).withBean(Compiled.class).withBean(Classic.class);

    record Shipped(String id) {
    }

    record Unheard(int n) {
    }

    static class Audited extends ApplicationEvent {

        private static final long serialVersionUID = 1L;

        Audited(Object source) {
            super(source);
        }
    }

    static class Journal {

        final List<String> entries = new CopyOnWriteArrayList<>();
    }

    static class Compiled {

        private final Journal journal;

        Compiled(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        public void shipped(Shipped shipped) {
            journal.entries.add("compiled:" + shipped.id());
        }

        @ZeroGcListener
        public void text(String text) {
            journal.entries.add("compiled-text:" + text);
        }

        @ZeroGcListener
        public void refreshed(ContextRefreshedEvent event) {
            journal.entries.add("compiled:refreshed");
        }

        @ZeroGcListener
        public void closed(ContextClosedEvent event) {
            journal.entries.add("compiled:closed");
        }
    }

    static class Classic {

        private final Journal journal;

        Classic(Journal journal) {
            this.journal = journal;
        }

        @EventListener
        @Order(2)
        public void later(Shipped shipped) {
            journal.entries.add("classic-later:" + shipped.id());
        }

        @EventListener
        @Order(1)
        public void first(Shipped shipped) {
            journal.entries.add("classic-first:" + shipped.id());
        }

        @EventListener(condition = "#shipped.id == 'vip'")
        @Order(3)
        public void vip(Shipped shipped) {
            journal.entries.add("classic-vip:" + shipped.id());
        }

        @EventListener
        public void audited(Audited audited) {
            journal.entries.add("classic-audited");
        }
    }

    static class PayloadListener implements ApplicationListener<PayloadApplicationEvent<Shipped>> {

        final List<Object> payloads = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<Shipped> event) {
            payloads.add(event.getPayload());
        }
    }

    static class Injected {

        final ApplicationEventPublisher publisher;

        Injected(ApplicationEventPublisher publisher) {
            this.publisher = publisher;
        }
    }

    private static List<String> withoutLifecycle(Journal journal) {
        return journal.entries.stream().filter(e -> !e.endsWith("refreshed")).toList();
    }

    @Test
    void springPublishedEventsReachCompiledListenersWithThePayloadUnwrapped() {
        runner.run(context -> {
            context.publishEvent(new Shipped("a"));
            context.publishEvent("hello");

            assertThat(withoutLifecycle(context.getBean(Journal.class))).containsExactly("compiled:a",
                    "classic-first:a", "classic-later:a", "compiled-text:hello");
        });
    }

    @Test
    void springsOwnEventsReachCompiledListeners() {
        Journal[] journal = new Journal[1];
        runner.run(context -> {
            journal[0] = context.getBean(Journal.class);
            assertThat(journal[0].entries).containsExactly("compiled:refreshed");
        });
        assertThat(journal[0].entries).containsExactly("compiled:refreshed", "compiled:closed");
    }

    @Test
    void zeroGcPublishedEventsReachClassicListenersInOrderWithTheirConditions() {
        runner.withBean(PayloadListener.class).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);

            publisher.publish(new Shipped("vip"));
            publisher.publish(new Audited(this));

            assertThat(withoutLifecycle(context.getBean(Journal.class))).containsExactly("compiled:vip",
                    "classic-first:vip", "classic-later:vip", "classic-vip:vip", "classic-audited");
            assertThat(context.getBean(PayloadListener.class).payloads).containsExactly(new Shipped("vip"));
        });
    }

    @Test
    void listenersAddedAtRuntimeAreSeenAndRemovedOnesAreNot() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            List<Object> heard = new CopyOnWriteArrayList<>();
            ApplicationListener<PayloadApplicationEvent<Unheard>> late = event -> heard.add(event.getPayload());
            publisher.publish(new Unheard(1)); // no classic listener yet: decided once, cached

            context.getSourceApplicationContext().addApplicationListener(late);
            publisher.publish(new Unheard(2));
            context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(late);
            publisher.publish(new Unheard(3));

            assertThat(heard).containsExactly(new Unheard(2));
        });
    }

    @Test
    void injectedApplicationEventPublishersAreTheZeroGcPublisher() {
        runner.withBean(Injected.class).run(context -> {
            ApplicationEventPublisher injected = context.getBean(Injected.class).publisher;
            assertThat(injected).isSameAs(context.getBean(ZeroGcEventPublisher.class));

            injected.publishEvent(new Shipped("i"));

            assertThat(withoutLifecycle(context.getBean(Journal.class))).containsExactly("compiled:i",
                    "classic-first:i", "classic-later:i");
        });
    }

    @Test
    void replacingThePublisherCanBeSwitchedOff() {
        runner.withBean(Injected.class).withPropertyValues("zerogc.events.replace-publisher=false")
                .run(context -> assertThat(context.getBean(Injected.class).publisher)
                        .isSameAs(context.getSourceApplicationContext()));
    }

    @Test
    void aParentContextsListenersReceiveEventsPublishedInTheChild() {
        try (AnnotationConfigApplicationContext parent = new AnnotationConfigApplicationContext()) {
            Journal parentJournal = new Journal();
            parent.registerBean(Journal.class, () -> parentJournal);
            parent.registerBean(Classic.class);
            parent.refresh();
            runner.withParent(parent).run(context -> {
                context.getBean(ZeroGcEventPublisher.class).publish(new Shipped("up"));

                assertThat(parentJournal.entries).containsExactly("classic-first:up", "classic-later:up");
                assertThat(withoutLifecycle(context.getBean(Journal.class))).containsExactly("compiled:up",
                        "classic-first:up", "classic-later:up");
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfiguration {
    }

    static class AsyncClassic {

        final List<String> threads = new CopyOnWriteArrayList<>();

        @Async
        @EventListener
        public void on(Shipped shipped) {
            threads.add(Thread.currentThread().getName());
        }

        public List<String> threads() {
            return threads;
        }
    }

    @Test
    void asyncClassicListenersRunOnTheirExecutor() {
        runner.withUserConfiguration(AsyncConfiguration.class).withBean(AsyncClassic.class).run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new Shipped("later"));

            AsyncClassic listener = context.getBean(AsyncClassic.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.threads().size() == 1);
            assertThat(listener.threads().get(0)).isNotEqualTo(Thread.currentThread().getName());
        });
    }

    static class FailingClassic {

        @EventListener
        public void on(Shipped shipped) {
            throw new IllegalStateException("classic failed on " + shipped.id());
        }
    }

    @Test
    void aCustomizerGivesClassicListenersAnErrorHandlerAndAnExecutor() {
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        MulticasterCustomizer customizer = multicaster -> {
            multicaster.setErrorHandler(error -> handled.add(error.getMessage()));
            multicaster.setTaskExecutor(task -> {
                threads.add("executor");
                task.run();
            });
        };
        runner.withBean(FailingClassic.class).withBean(MulticasterCustomizer.class, () -> customizer).run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new Shipped("e"));

            assertThat(handled).containsExactly("classic failed on e");
            assertThat(threads).isNotEmpty();
            assertThat(withoutLifecycle(context.getBean(Journal.class))).containsExactly("compiled:e",
                    "classic-first:e", "classic-later:e");
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnMulticaster() {
        SimpleApplicationEventMulticaster own = new SimpleApplicationEventMulticaster();
        runner.withBean("applicationEventMulticaster", ApplicationEventMulticaster.class, () -> own).run(context -> {
            assertThat(context.getBean("applicationEventMulticaster")).isSameAs(own);

            context.getBean(ZeroGcEventPublisher.class).publish(new Shipped("own"));

            assertThat(withoutLifecycle(context.getBean(Journal.class))).containsExactly("compiled:own");
        });
    }

    @Test
    void theBridgeCanBeSwitchedOff() {
        runner.withPropertyValues("zerogc.events.bridge.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ZeroGcApplicationEventMulticaster.class);
            context.getBean(ZeroGcEventPublisher.class).publish(new Shipped("off"));
            assertThat(context.getBean(Journal.class).entries).containsExactly("compiled:off");
        });
    }
}
