package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.stats.PoolStatistics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PoolAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withBean(Fills.class);

    public static class Fill extends PooledEvent {

        String order;
        long quantity;

        static void fill(Fill fill, String order, Long quantity) {
            fill.order = order;
            fill.quantity = quantity;
        }

        @Override
        protected void reset() {
            order = null;
            quantity = 0;
        }
    }

    public static class Cancel extends PooledEvent {

        @Override
        protected void reset() {
        }
    }

    public static class NoDefaultConstructor extends PooledEvent {

        public NoDefaultConstructor(int required) {
        }

        @Override
        protected void reset() {
        }
    }

    static class Fills {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @ZeroGcListener
        public void on(Fill fill) {
            seen.add(fill.order + ":" + fill.quantity);
        }
    }

    static class Unpoolable {

        @ZeroGcListener
        public void on(NoDefaultConstructor event) {
        }
    }

    @Test
    void poolingIsOffByDefaultAndPooledEventsAreThenPlainEvents() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);

            Fill plain = new Fill();
            plain.order = "plain";
            publisher.publish(plain);
            // The pooled forms of code still work: each borrow hands out a new instance, published as a plain event.
            Fill borrowed = publisher.borrow(Fill.class);
            assertThat(publisher.borrow(Fill.class)).isNotSameAs(borrowed);
            borrowed.order = "borrowed";
            publisher.publish(borrowed);
            publisher.publish(Fill.class, Fill::fill, "filled", 3L);
            publisher.giveBack(publisher.borrow(Fill.class)); // nothing to give back to: nothing happens
            borrowed.order = "kept";
            assertThat(context.getBean(Fills.class).seen).containsExactly("plain:0", "borrowed:0", "filled:3");
            assertThat(context.getBean(DispatchingEventPublisher.class).pools()).isNull();
        });
    }

    @Test
    void listenedPooledTypesGetPoolsAtStartupAndEventsGoBackAfterDelivery() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.size=16").run(context -> {
            DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
            assertThat(publisher.pools().statistics()).containsExactly(
                    new PoolStatistics(Fill.class.getName(), 16, 0, 0, 0));

            Fill fill = publisher.borrow(Fill.class);
            fill.order = "o-1";
            fill.quantity = 5;
            publisher.publish(fill);
            publisher.publish(Fill.class, Fill::fill, "o-2", 7L);

            assertThat(context.getBean(Fills.class).seen).containsExactly("o-1:5", "o-2:7");
            assertThat(publisher.pools().statistics().get(0).borrowed()).isZero();
        });
    }

    @Test
    void aFillerThatThrowsGivesTheEventBack() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.size=1").run(context -> {
            DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);

            assertThatThrownBy(() -> publisher.publish(Fill.class, (Fill fill, String order) -> {
                throw new IllegalArgumentException("bad order " + order);
            }, "x")).hasMessage("bad order x");

            assertThat(publisher.pools().statistics().get(0).borrowed()).isZero();
        });
    }

    @Test
    void typesAreSizedOneByOneByClassName() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.size=3",
                "zerogc.events.pool.types[io.zerogc.events.pool.Quote].size=8",
                "zerogc.events.pool.types[" + Cancel.class.getName() + "].size=5", "zerogc.events.pool.exhausted=fail",
                "zerogc.events.pool.verify=true").run(context -> {
                    DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);

                    assertThat(publisher.pools().statistics()).extracting(PoolStatistics::type, PoolStatistics::size)
                            .containsExactlyInAnyOrder(tuple("io.zerogc.events.pool.Quote", 8),
                                    tuple(Cancel.class.getName(), 5), tuple(Fill.class.getName(), 3));
                });
    }

    @Test
    void badPoolPropertiesFailStartupNamingTheProperty() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.size=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Property zerogc.events.pool.size with value '0' is invalid"));
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.types[com.example.Nope].size=4")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Property zerogc.events.pool.types[com.example.Nope] with value"
                                + " 'com.example.Nope' is invalid: No such class: com.example.Nope."));
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.types[java.lang.String].size=4")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("java.lang.String is not a pooled event type: it must extend "
                                + PooledEvent.class.getName()));
        runner.withPropertyValues("zerogc.events.pool.enabled=true",
                "zerogc.events.pool.types[io.zerogc.events.pool.Quote].size=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Property zerogc.events.pool.types[io.zerogc.events.pool.Quote].size"
                                + " with value '0' is invalid: A pool needs at least one instance."));
        // Without brackets the binder cannot tell the class name from the setting: never silently ignored.
        runner.withPropertyValues("zerogc.events.pool.enabled=true",
                "zerogc.events.pool.types.io.zerogc.events.pool.Quote.size=4")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("The elements [zerogc.events.pool.types.io.zerogc.events.pool.quote.size] were"
                                + " left unbound."));
        runner.withPropertyValues("zerogc.events.pool.enabled=true",
                "zerogc.events.pool.types[io.zerogc.events.autoconfigure.UnpoolableEvent].size=4")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("it has no no-arg constructor"));
    }

    @Test
    void aListenedPooledTypeThatCannotBePooledFailsStartup() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true").withBean(Unpoolable.class)
                .run(context -> assertThat(context).getFailure().isInstanceOf(UnpoolableEventTypesException.class)
                        .hasMessageContaining(NoDefaultConstructor.class.getName()
                                + " cannot be pooled: it has no no-arg constructor"));
    }

    static class ClassicFills {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @org.springframework.context.event.EventListener
        public void on(Fill fill) {
            seen.add(fill.order);
        }
    }

    @Test
    void aPooledEventPublishedThroughSpringsPathIsRefusedBeforeAnyListenerSeesIt() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true").withBean(ClassicFills.class).run(context -> {
            DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
            Fill fill = publisher.borrow(Fill.class);
            Fill.fill(fill, "o-1", 5L);

            assertThatThrownBy(() -> context.publishEvent(fill)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(Fill.class.getName() + " is a pooled event: publish it with"
                            + " ZeroGcEventPublisher.publish");

            assertThat(context.getBean(Fills.class).seen).isEmpty();
            assertThat(context.getBean(ClassicFills.class).seen).isEmpty();
            publisher.publish(fill); // still borrowed, so it can be published the supported way
            assertThat(context.getBean(Fills.class).seen).containsExactly("o-1:5");
            assertThat(context.getBean(ClassicFills.class).seen).isEmpty();
            assertThat(publisher.pools().statistics()).allSatisfy(pool -> assertThat(pool.borrowed()).isZero());
        });
    }

    @Test
    void theEndpointReportsThePools() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.size=2").run(context -> {
            DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
            publisher.borrow(Fill.class);

            assertThat(new ZeroGcEventsEndpoint(publisher).report().pools())
                    .containsExactly(new PoolStatistics(Fill.class.getName(), 2, 1, 0, 0));
        });
    }
}
