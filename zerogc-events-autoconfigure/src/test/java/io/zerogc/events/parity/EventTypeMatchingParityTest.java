package io.zerogc.events.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * Which classic listener gets an event is decided per event where Spring decides it per event: events
 * whose type is resolved per instance (a {@link ResolvableTypeProvider}, as in Spring's
 * {@code AnnotationDrivenEventListenerTests} generic event scenarios and {@code PayloadApplicationEventTests}),
 * and listeners that filter by source type ({@link SmartApplicationListener#supportsSourceType}). Each
 * scenario publishes the unwanted event first, which once made the starter's cached decision wrong for
 * every later event of the class, then the wanted one; through an injected
 * {@code ApplicationEventPublisher}, as existing code does.
 */
class EventTypeMatchingParityTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));

    /** A generic event whose type argument is known per instance. */
    record GenericEvent<T>(T value, Class<T> type) implements ResolvableTypeProvider {

        @Override
        public ResolvableType getResolvableType() {
            return ResolvableType.forClassWithGenerics(GenericEvent.class, type);
        }
    }

    static class StringEvents {

        final List<Object> received = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(GenericEvent<String> event) {
            received.add(event.value());
        }
    }

    /** An application event whose source says who sent it. */
    static final class Ping extends ApplicationEvent {

        private static final long serialVersionUID = 1L;

        Ping(Object source) {
            super(source);
        }
    }

    record Inventory() {
    }

    record Billing() {
    }

    /** Hears pings from the inventory only. */
    static class InventoryPings implements SmartApplicationListener {

        final List<Object> sources = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
            return Ping.class.isAssignableFrom(eventType);
        }

        @Override
        public boolean supportsSourceType(Class<?> sourceType) {
            return Inventory.class.equals(sourceType);
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            sources.add(event.getSource());
        }
    }

    @ParameterizedTest(name = "compile-event-listeners={0}")
    @ValueSource(booleans = { false, true })
    void genericEventsAreMatchedByTheirResolvedTypePerEvent(boolean compile) {
        runner.withPropertyValues("zerogc.events.compile-event-listeners=" + compile).withBean(StringEvents.class)
                .run(context -> {
                    ApplicationEventPublisher publisher = context.getBean(ApplicationEventPublisher.class);

                    publisher.publishEvent(new GenericEvent<>(42, Integer.class));
                    publisher.publishEvent(new GenericEvent<>("wanted", String.class));
                    publisher.publishEvent(new GenericEvent<>(43, Integer.class));

                    assertThat(context.getBean(StringEvents.class).received).containsExactly("wanted");
                });
    }

    @ParameterizedTest(name = "compile-event-listeners={0}")
    @ValueSource(booleans = { false, true })
    void listenersThatFilterBySourceSeeExactlyTheirSources(boolean compile) {
        runner.withPropertyValues("zerogc.events.compile-event-listeners=" + compile)
                .withBean(InventoryPings.class).run(context -> {
                    ApplicationEventPublisher publisher = context.getBean(ApplicationEventPublisher.class);
                    Inventory inventory = new Inventory();

                    publisher.publishEvent(new Ping(new Billing()));
                    publisher.publishEvent(new Ping(inventory));
                    publisher.publishEvent(new Ping(new Billing()));

                    assertThat(context.getBean(InventoryPings.class).sources).containsExactly(inventory);
                });
    }
}
