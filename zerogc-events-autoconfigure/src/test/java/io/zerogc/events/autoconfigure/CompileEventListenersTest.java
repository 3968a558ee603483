package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.dispatch.CompiledListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

class CompileEventListenersTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withBean(Journal.class);

    record Placed(String id) {
    }

    record Paid(String id) {
    }

    static class Journal {

        final List<String> entries = new CopyOnWriteArrayList<>();
    }

    static class Plain {

        private final Journal journal;

        Plain(Journal journal) {
            this.journal = journal;
        }

        @EventListener
        @Order(1)
        public void placed(Placed placed) {
            journal.entries.add("plain:" + placed.id());
        }

        @EventListener(condition = "#placed.id == 'vip'")
        public void conditional(Placed placed) {
            journal.entries.add("conditional:" + placed.id());
        }
    }

    static class Ordered {

        private final Journal journal;

        Ordered(Journal journal) {
            this.journal = journal;
        }

        @EventListener
        @Order(10)
        public void late(Paid paid) {
            journal.entries.add("late:" + paid.id());
        }

        @EventListener
        @Order(1)
        public void early(Paid paid) {
            journal.entries.add("early:" + paid.id());
        }

        @EventListener(condition = "true")
        @Order(5)
        public void middle(Paid paid) {
            journal.entries.add("middle:" + paid.id());
        }
    }

    private static List<String> compiled(DispatchingEventPublisher publisher) {
        return publisher.dispatcher().listeners().stream().map(CompiledListener::name).toList();
    }

    @Test
    void plainEventListenersStayOnSpringsPathByDefault() {
        runner.withBean(Plain.class).run(context -> {
            assertThat(compiled(context.getBean(DispatchingEventPublisher.class))).isEmpty();

            context.getBean(ZeroGcEventPublisher.class).publish(new Placed("p"));

            assertThat(context.getBean(Journal.class).entries).containsExactly("plain:p");
        });
    }

    @Test
    void qualifyingEventListenersAreCompiledAndCalledOnceOnEitherPath() {
        runner.withBean(Plain.class).withPropertyValues("zerogc.events.compile-event-listeners=true").run(context -> {
            assertThat(compiled(context.getBean(DispatchingEventPublisher.class)))
                    .as("the conditional one stays on Spring's path; placed comes before it, so it may be compiled")
                    .containsExactly("Plain.placed(Placed)");

            context.getBean(ZeroGcEventPublisher.class).publish(new Placed("vip"));
            context.publishEvent(new Placed("x"));

            assertThat(context.getBean(Journal.class).entries).containsExactly("plain:vip", "conditional:vip",
                    "plain:x");
        });
    }

    @Test
    void aListenerIsOnlyCompiledWhereThatKeepsItsOrderAmongClassicOnes() {
        runner.withBean(Ordered.class).withPropertyValues("zerogc.events.compile-event-listeners=true")
                .run(context -> {
                    // early (1) may run before the classic middle (5); late (10) must not, so it stays classic.
                    assertThat(compiled(context.getBean(DispatchingEventPublisher.class)))
                            .containsExactly("Ordered.early(Paid)");

                    context.getBean(ZeroGcEventPublisher.class).publish(new Paid("a"));
                    context.publishEvent(new Paid("b"));

                    assertThat(context.getBean(Journal.class).entries).containsExactly("early:a", "middle:a",
                            "late:a", "early:b", "middle:b", "late:b");
                });
    }

    static class Unordered {

        private final Journal journal;

        Unordered(Journal journal) {
            this.journal = journal;
        }

        @EventListener
        public void plain(Placed placed) {
            journal.entries.add("unordered:" + placed.id());
        }

        @EventListener(condition = "true")
        public void conditional(Placed placed) {
            journal.entries.add("unordered-conditional:" + placed.id());
        }
    }

    @Test
    void equalOrdersWithAClassicListenerKeepAListenerOnSpringsPath() {
        runner.withBean(Unordered.class).withPropertyValues("zerogc.events.compile-event-listeners=true")
                .run(context -> assertThat(compiled(context.getBean(DispatchingEventPublisher.class))).isEmpty());
    }

    @Test
    void compilingEventListenersNeedsTheBridge() {
        runner.withPropertyValues("zerogc.events.compile-event-listeners=true", "zerogc.events.bridge.enabled=false")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Property zerogc.events.compile-event-listeners with value 'true' is"
                                + " invalid: Compiling @EventListener methods needs the starter's"
                                + " applicationEventMulticaster"));
    }
}
