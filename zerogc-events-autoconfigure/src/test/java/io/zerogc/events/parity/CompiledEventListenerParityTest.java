package io.zerogc.events.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EventObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.EventListener;

/**
 * With the starter, bridge alone or {@code compile-event-listeners=true}, every {@code @EventListener}
 * receives and replies exactly as without it: scenarios of Spring's {@code AnnotationDrivenEventListenerTests}
 * ({@code completableFutureReply}, {@code eventClassWithInterface}) and {@code PayloadApplicationEventTests}
 * (listeners of {@code ApplicationEvent} get the wrapper of a plain event), run once on plain Spring and
 * once with the starter compiling, the journals compared.
 */
class CompiledEventListenerParityTest {

    record Order(String id) {
    }

    record Confirmation(String id) {
    }




    static class Listeners {

        private final Journal journal;

        Listeners(Journal journal) {
            this.journal = journal;
        }

        @EventListener
        public CompletableFuture<Confirmation> confirmLater(Order order) {
            return CompletableFuture.completedFuture(new Confirmation(order.id()));
        }

        @EventListener
        public Object confirmAnything(Order order) {
            return order.id().equals("o2") ? CompletableFuture.completedFuture(new Confirmation("any-o2")) : null;
        }

        @EventListener
        public void confirmed(Confirmation confirmation) {
            journal.entries.add("confirmed:" + confirmation.id());
        }

        @EventListener
        public void futures(CompletableFuture<?> future) {
            journal.entries.add("a future was published");
        }

        @EventListener
        public void anyApplicationEvent(ApplicationEvent event) {
            if (!(event instanceof org.springframework.context.event.ApplicationContextEvent)) {
                journal.entries.add("application-event:" + describe(event));
            }
        }

        @EventListener
        public void anyEventObject(EventObject event) {
            if (!(event instanceof org.springframework.context.event.ApplicationContextEvent)) {
                journal.entries.add("event-object:" + describe(event));
            }
        }

        @EventListener
        public void anySerializable(Serializable event) {
            if (!(event instanceof org.springframework.context.event.ApplicationContextEvent)) {
                journal.entries.add("serializable:" + describe(event));
            }
        }

        @EventListener
        public void audited(Audited audited) {
            journal.entries.add("audited:" + audited.subject() + ":" + audited.getClass().getSimpleName());
        }

        private static String describe(Object event) {
            return event instanceof PayloadApplicationEvent<?> payload ? "wrapper of " + payload.getPayload()
                    : event.getClass().getSimpleName();
        }
    }

    /** Existing code publishing through an injected publisher. */
    record Sender(ApplicationEventPublisher publisher) {
    }

    private static List<String> run(ApplicationContextRunner runner) {
        List<String> journal = new ArrayList<>();
        runner.withBean(Journal.class).withBean(Listeners.class).withBean(Sender.class).run(context -> {
            ApplicationEventPublisher publisher = context.getBean(Sender.class).publisher();
            publisher.publishEvent(new Order("o1"));
            publisher.publishEvent(new Order("o2"));
            publisher.publishEvent("hello");
            publisher.publishEvent(new Refund("till"));
            context.publishEvent("context-hello");
            journal.addAll(context.getBean(Journal.class).entries);
        });
        return journal;
    }

    @Test
    void compiledEventListenersReceiveAndReplyAsSpringListenersDo() {
        List<String> plain = run(new ApplicationContextRunner());
        assertThat(plain).contains("confirmed:o1", "confirmed:any-o2", "application-event:wrapper of hello",
                "audited:refund:Refund").doesNotContain("a future was published");

        ApplicationContextRunner starter = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));
        assertThat(run(starter)).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(run(starter.withPropertyValues("zerogc.events.compile-event-listeners=true")))
                .containsExactlyInAnyOrderElementsOf(plain);
    }
}
