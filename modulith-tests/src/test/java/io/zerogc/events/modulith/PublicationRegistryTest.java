package io.zerogc.events.modulith;

import static io.zerogc.events.modulith.RegistryApplications.completed;
import static io.zerogc.events.modulith.RegistryApplications.incomplete;
import static io.zerogc.events.modulith.RegistryApplications.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.dispatch.DispatchStatistics.Figure;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Modulith's publication registry records, completes and resubmits publications with the starter exactly
 * as without it, and every listener Modulith or Spring calls is called once.
 */
class PublicationRegistryTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    /** What one run of the scenario saw. */
    record Outcome(List<Long> audited, List<Long> shippedFirst, List<Long> shippedOnResubmission,
            int shippingAttempts, int completed, int incomplete, long priced) {
    }

    @Test
    void tenOrdersOneShippingFailingOnceAndResubmittedTheSameWithAndWithoutTheStarter() {
        Outcome without = tenOrdersOneFailingOnce(false, "without-starter");
        Outcome with = tenOrdersOneFailingOnce(true, "with-starter");

        List<Long> all = LongStream.rangeClosed(1, 10).boxed().toList();
        List<Long> allButThree = all.stream().filter(id -> id != 3).toList();
        assertThat(without).isEqualTo(new Outcome(all, allButThree, List.of(3L), 11, 10, 0, 0));
        assertThat(with).isEqualTo(new Outcome(all, allButThree, List.of(3L), 11, 10, 0, 10));
    }

    /** Ten orders; shipping order 3 fails once, then the incomplete publication is resubmitted. */
    private static Outcome tenOrdersOneFailingOnce(boolean starter, String database) {
        try (ConfigurableApplicationContext context = start(starter, database)) {
            Orders orders = context.getBean(Orders.class);
            Shipping shipping = context.getBean(Shipping.class);
            shipping.failOnce(3L);
            for (long id = 1; id <= 10; id++) {
                orders.place(id);
            }
            await().atMost(BOUND).until(() -> shipping.attempts() == 10 && completed(context) == 9);
            assertThat(incomplete(context)).as("order 3's failed publication").isEqualTo(1);
            List<Long> shippedFirst = shipping.shipped().stream().sorted().toList(); // in whatever order they ran

            context.getBean(IncompleteEventPublications.class).resubmitIncompletePublications(publication -> true);
            await().atMost(BOUND).until(() -> completed(context) == 10);

            return new Outcome(context.getBean(Audit.class).seen().stream().sorted().toList(), shippedFirst,
                    shipping.shipped().subList(shippedFirst.size(), shipping.shipped().size()), shipping.attempts(), completed(context), incomplete(context),
                    context.getBean(Pricing.class).priced());
        }
    }

    @Test
    void eventsPublishedWithTheZeroGcPublisherAndThroughTheContextAreRecordedCompletedAndCounted() {
        try (ConfigurableApplicationContext context = start(true, "both-paths")) {
            Orders orders = context.getBean(Orders.class);
            Shipping shipping = context.getBean(Shipping.class);
            for (long id = 1; id <= 5; id++) {
                orders.placeWithZeroGcPublisher(id);
            }
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            for (long id = 6; id <= 10; id++) {
                long order = id;
                transactions.executeWithoutResult(status -> context.publishEvent(new OrderPlaced(order)));
            }
            await().atMost(BOUND).until(() -> completed(context) == 10);

            assertThat(shipping.shipped()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 10).boxed()
                    .toList());
            assertThat(context.getBean(Audit.class).seen()).hasSize(10);
            assertThat(context.getBean(Pricing.class).priced()).isEqualTo(10);
            assertThat(incomplete(context)).isZero();
            // Handed to the registry or not, an event counts as published and delivered once, whichever path.
            DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);
            assertThat(publisher.dispatcher().statistics().count(OrderPlaced.class, Figure.PUBLISHED)).isEqualTo(10);
            assertThat(publisher.dispatcher().statistics().count(OrderPlaced.class, Figure.DELIVERED)).isEqualTo(10);
        }
    }

    @Test
    void anEventPublishedInATransactionThatRollsBackLeavesNoPublicationAndReachesNoAfterCommitListener() {
        try (ConfigurableApplicationContext context = start(true, "rollback")) {
            Orders orders = context.getBean(Orders.class);
            Shipping shipping = context.getBean(Shipping.class);

            assertThatIllegalStateException().isThrownBy(() -> orders.placeAndFail(42));
            orders.place(43); // after order 42's transaction ended: had 42 been shipped, it would be first
            await().atMost(BOUND).until(() -> completed(context) == 1);

            assertThat(shipping.shipped()).containsExactly(43L);
            assertThat(shipping.attempts()).isEqualTo(1);
            assertThat(incomplete(context)).isZero();
            // Synchronous listeners ran in the transaction, before it rolled back, as on Spring's path.
            assertThat(context.getBean(Audit.class).seen()).containsExactly(42L, 43L);
            assertThat(context.getBean(Pricing.class).priced()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "starter on: {0}")
    @ValueSource(booleans = {false, true})
    void incompletePublicationsAreRepublishedOnRestart(boolean starter) {
        String database = "restart-" + starter;
        try (ConfigurableApplicationContext first = start(starter, database)) {
            Shipping shipping = first.getBean(Shipping.class);
            shipping.failOnce(7L);
            first.getBean(Orders.class).place(7);
            await().atMost(BOUND).until(() -> shipping.attempts() == 1 && incomplete(first) == 1);
            assertThat(shipping.shipped()).isEmpty();
        }
        try (ConfigurableApplicationContext second = start(starter, database,
                "spring.modulith.events.republish-outstanding-events-on-restart=true")) {
            Shipping shipping = second.getBean(Shipping.class);
            await().atMost(BOUND).until(() -> completed(second) == 1);
            assertThat(shipping.shipped()).containsExactly(7L);
            assertThat(incomplete(second)).isZero();
            // Resubmission goes to the failed listener alone: neither the plain nor the compiled one again.
            assertThat(second.getBean(Audit.class).seen()).isEmpty();
            assertThat(second.getBean(Pricing.class).priced()).isEqualTo(0);
        }
    }

    @Test
    void compiledEventListenersGetEachEventOnceAndTheRegistryAllOfItsOwn() {
        try (ConfigurableApplicationContext context = start(true, "compiled",
                "zerogc.events.compile-event-listeners=true")) {
            for (long id = 1; id <= 3; id++) {
                context.getBean(Orders.class).place(id);
            }
            await().atMost(BOUND).until(() -> completed(context) == 3);

            Audit audit = context.getBean(Audit.class);
            assertThat(audit.seenFirst()).containsExactly(1L, 2L, 3L);
            assertThat(audit.seen()).containsExactly(1L, 2L, 3L);
            assertThat(context.getBean(Shipping.class).shipped()).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(context.getBean(DispatchingEventPublisher.class).dispatcher().listeners())
                    .anySatisfy(listener -> assertThat(listener.definition().method().getName()).isEqualTo("first"));
        }
    }

    @Test
    void theZeroGcPublisherIsTheInjectedOneAndModulithsMulticasterStaysABean() {
        try (ConfigurableApplicationContext context = start(true, "beans")) {
            assertThat(context.getBean(IncompleteEventPublications.class).getClass().getName())
                    .isEqualTo("org.springframework.modulith.events.support.PersistentApplicationEventMulticaster");
            assertThat(context.getBean("applicationEventMulticaster").getClass().getSimpleName())
                    .isEqualTo("ZeroGcApplicationEventMulticaster");
            assertThat(context.getBean(ZeroGcEventPublisher.class)).isInstanceOf(DispatchingEventPublisher.class);
        }
    }
}
