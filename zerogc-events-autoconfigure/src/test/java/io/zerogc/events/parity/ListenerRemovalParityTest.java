package io.zerogc.events.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Removing {@code @EventListener}s from the multicaster (by listener id, as Spring's
 * {@code AnnotationDrivenEventListenerTests} do in {@code simpleEventJavaConfig} and
 * {@code metaAnnotationIsDiscovered}, or all of them) stops their calls, compiled or not: plain Spring,
 * the bridge alone and {@code compile-event-listeners=true} give the same journal.
 */
class ListenerRemovalParityTest {

    record Shipped(String id) {
    }


    static class Listeners {

        private final Journal journal;

        Listeners(Journal journal) {
            this.journal = journal;
        }

        @EventListener(id = "audit")
        public void audit(Shipped shipped) {
            journal.entries.add("audit:" + shipped.id());
        }

        @EventListener
        public void track(Shipped shipped) {
            journal.entries.add("track:" + shipped.id());
        }
    }

    record Sender(ApplicationEventPublisher publisher) {
    }

    static Stream<Arguments> removals() {
        Consumer<ApplicationEventMulticaster> byExplicitId = multicaster -> multicaster.removeApplicationListeners(
                listener -> listener instanceof SmartApplicationListener smart && "audit".equals(smart.getListenerId()));
        Consumer<ApplicationEventMulticaster> byDefaultId = multicaster -> multicaster.removeApplicationListeners(
                listener -> listener instanceof SmartApplicationListener smart
                        && smart.getListenerId().contains(".track("));
        Consumer<ApplicationEventMulticaster> all = ApplicationEventMulticaster::removeAllListeners;
        return Stream.of(Arguments.of("by explicit id", byExplicitId), Arguments.of("by default id", byDefaultId),
                Arguments.of("all", all));
    }

    private static List<String> run(ApplicationContextRunner runner, Consumer<ApplicationEventMulticaster> removal) {
        List<String> journal = new CopyOnWriteArrayList<>();
        runner.withBean(Journal.class).withBean(Listeners.class).withBean(Sender.class).run(context -> {
            ApplicationEventPublisher publisher = context.getBean(Sender.class).publisher();
            publisher.publishEvent(new Shipped("before"));
            removal.accept(context.getBean(ApplicationEventMulticaster.class));
            publisher.publishEvent(new Shipped("after"));
            context.publishEvent(new Shipped("after-context"));
            journal.addAll(context.getBean(Journal.class).entries);
        });
        return journal;
    }

    @ParameterizedTest(name = "removed {0}")
    @MethodSource("removals")
    void removedListenersAreNotCalledCompiledOrNot(String removal, Consumer<ApplicationEventMulticaster> remove) {
        List<String> plain = run(new ApplicationContextRunner(), remove);
        assertThat(plain).contains("audit:before", "track:before");

        ApplicationContextRunner starter = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));
        assertThat(run(starter, remove)).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(run(starter.withPropertyValues("zerogc.events.compile-event-listeners=true"), remove))
                .containsExactlyInAnyOrderElementsOf(plain);
    }
}
