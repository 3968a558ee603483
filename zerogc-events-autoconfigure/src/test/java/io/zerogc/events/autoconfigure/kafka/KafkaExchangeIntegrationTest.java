package io.zerogc.events.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpointAutoConfiguration;
import io.zerogc.events.autoconfigure.metrics.ZeroGcEventsMetricsAutoConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * Two application contexts, two "instances", exchange events through a real Kafka broker (embedded,
 * KRaft mode) in both directions.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaExchangeIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int PARTITIONS = 2;
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, "orders", "cancellations", "ticks");
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    /** What one instance's listeners saw, local and received alike. */
    static final class Seen {

        final List<Object> events = new CopyOnWriteArrayList<>();

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void on(OrderPlaced event) {
            events.add(event);
        }

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void on(OrderCancelled event) {
            events.add(event);
        }

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void on(TickSeen event) {
            events.add(event);
        }

        <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** The application: its package is scanned for {@code @Externalized} types. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class App {
    }

    private static ApplicationContextRunner instance(String name) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                        ZeroGcEventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class,
                        ZeroGcEventsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        EndpointAutoConfiguration.class, ZeroGcEventsEndpointAutoConfiguration.class))
                .withUserConfiguration(App.class)
                .withBean(Seen.class)
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "zerogc.events.async.enabled=true",
                        "zerogc.events.kafka.enabled=true",
                        // a new instance id per run: a new consumer group, which starts at the topics' ends
                        "zerogc.events.kafka.instance-id=" + name + "-" + UUID.randomUUID(),
                        "zerogc.events.kafka.outbound[" + OrderCancelled.class.getName() + "].topic=cancellations",
                        "zerogc.events.kafka.outbound[" + OrderCancelled.class.getName() + "].key=#{orderId}",
                        "zerogc.events.kafka.inbound.orders=" + OrderPlaced.class.getName(),
                        "zerogc.events.kafka.inbound.cancellations=" + OrderCancelled.class.getName(),
                        "management.endpoints.web.exposure.include=zerogcevents");
    }

    private static void awaitAssignment(AssertableApplicationContext context) {
        for (InboundTopic topic : context.getBean(KafkaInbound.class).topics()) {
            ContainerTestUtils.waitForAssignment(topic.container(), PARTITIONS);
        }
    }

    private static KafkaStatistics statistics(AssertableApplicationContext context) {
        return context.getBean(KafkaStatisticsSource.class).kafkaStatistics();
    }

    private static KafkaStatistics.Outbound outbound(AssertableApplicationContext context, String topic) {
        return statistics(context).outbound().stream().filter(o -> o.topic().equals(topic)).findFirst().orElseThrow();
    }

    private static KafkaStatistics.Inbound inbound(AssertableApplicationContext context, String topic) {
        return statistics(context).inbound().stream().filter(i -> i.topic().equals(topic)).findFirst().orElseThrow();
    }

    /** Records in a topic so far: the sum of its partitions' end offsets. */
    private static long recordsIn(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return broker.doWithAdminFunction(admin -> {
            try {
                return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    @Test
    void twoInstancesExchangeEventsBothWaysInKeyOrderWithoutEcho() {
        int orders = 10;
        int perOrder = 20;
        instance("a").run(a -> instance("b").run(b -> {
            awaitAssignment(a);
            awaitAssignment(b);
            long ordersBefore = recordsIn("orders");
            long cancellationsBefore = recordsIn("cancellations");
            ZeroGcEventPublisher publisherA = a.getBean(ZeroGcEventPublisher.class);
            ZeroGcEventPublisher publisherB = b.getBean(ZeroGcEventPublisher.class);

            for (int seq = 0; seq < perOrder; seq++) {
                for (int order = 0; order < orders; order++) {
                    publisherA.publish(new OrderPlaced("o-" + order, seq));
                }
            }
            for (int order = 0; order < orders; order++) {
                publisherB.publish(new OrderCancelled("o-" + order, "changed mind"));
            }

            Seen seenA = a.getBean(Seen.class);
            Seen seenB = b.getBean(Seen.class);
            await().atMost(BOUND).until(() -> seenB.of(OrderPlaced.class).size() == orders * perOrder
                    && seenA.of(OrderCancelled.class).size() == orders);
            // Per key, B received A's events in the order A published them.
            Map<String, List<Integer>> byOrder = seenB.of(OrderPlaced.class).stream().collect(
                    Collectors.groupingBy(OrderPlaced::orderId, Collectors.mapping(OrderPlaced::seq, Collectors.toList())));
            List<Integer> inOrder = new ArrayList<>();
            for (int seq = 0; seq < perOrder; seq++) {
                inOrder.add(seq);
            }
            assertThat(byOrder).hasSize(orders).allSatisfy((order, seqs) -> assertThat(seqs).isEqualTo(inOrder));

            // Each side sent what was published there, and nothing it received: once the received events are
            // published and the rings drained, the relays have seen all they will, and the topics hold each event once.
            await().atMost(BOUND).until(() -> inbound(b, "orders").published() == orders * perOrder
                    && inbound(a, "cancellations").published() == orders);
            assertThat(publisherA.awaitDelivery(BOUND)).isTrue();
            assertThat(publisherB.awaitDelivery(BOUND)).isTrue();
            await().atMost(BOUND).until(() -> outbound(a, "orders").externalized() == orders * perOrder
                    && outbound(b, "cancellations").externalized() == orders);
            assertThat(recordsIn("orders") - ordersBefore).isEqualTo(orders * perOrder);
            assertThat(recordsIn("cancellations") - cancellationsBefore).isEqualTo(orders);
            assertThat(outbound(b, "orders")).extracting(KafkaStatistics.Outbound::externalized,
                    KafkaStatistics.Outbound::externalizeFailed, KafkaStatistics.Outbound::pending)
                    .containsExactly(0L, 0L, 0L);
            assertThat(outbound(a, "cancellations").externalized()).isZero();

            // Each instance skipped its own records: its listeners had those events once, locally.
            await().atMost(BOUND).until(() -> inbound(a, "orders").skippedOwn() == orders * perOrder
                    && inbound(b, "cancellations").skippedOwn() == orders);
            assertThat(seenA.of(OrderPlaced.class)).hasSize(orders * perOrder);
            assertThat(seenB.of(OrderCancelled.class)).hasSize(orders);
            assertThat(inbound(b, "orders")).extracting(KafkaStatistics.Inbound::received,
                    KafkaStatistics.Inbound::published, KafkaStatistics.Inbound::skippedOwn,
                    KafkaStatistics.Inbound::failed).containsExactly((long) orders * perOrder,
                    (long) orders * perOrder, 0L, 0L);
            assertThat(inbound(a, "orders").published()).isZero();

            // The endpoint and the meters show the same figures.
            KafkaStatistics shown = a.getBean(ZeroGcEventsEndpoint.class).report().kafka();
            assertThat(shown.outbound()).contains(new KafkaStatistics.Outbound(OrderPlaced.class.getName(), "orders",
                    orders * perOrder, 0, 0, 0));
            MeterRegistry meters = a.getBean(MeterRegistry.class);
            assertThat(meters.get("zerogc.events.kafka.externalized").tag("topic", "orders").functionCounter().count())
                    .isEqualTo(orders * perOrder);
            assertThat(meters.get("zerogc.events.kafka.received").tag("topic", "cancellations").functionCounter()
                    .count()).isEqualTo(orders);
            // Received events are published locally like any other, so the type's own counters include them.
            assertThat(b.getBean(ZeroGcEventsEndpoint.class).eventType(OrderPlaced.class.getName()).eventType()
                    .published()).isEqualTo(orders * perOrder);
        }));
    }

    @Test
    void anInstanceThatReceivesItsOwnEventsDoesNotSendThemAgain() {
        int events = 25;
        instance("self").withPropertyValues("zerogc.events.kafka.skip-own-events=false").run(context -> {
            awaitAssignment(context);
            long before = recordsIn("orders");
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            for (int i = 0; i < events; i++) {
                publisher.publish(new OrderPlaced("self", i));
            }

            Seen seen = context.getBean(Seen.class);
            await().atMost(BOUND).until(() -> seen.of(OrderPlaced.class).size() == 2 * events); // local, then back
            await().atMost(BOUND).until(() -> inbound(context, "orders").published() == events);
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();
            await().atMost(BOUND).until(() -> outbound(context, "orders").pending() == 0);
            assertThat(outbound(context, "orders").externalized()).isEqualTo(events);
            assertThat(recordsIn("orders") - before).isEqualTo(events);
            assertThat(inbound(context, "orders")).extracting(KafkaStatistics.Inbound::published,
                    KafkaStatistics.Inbound::skippedOwn).containsExactly((long) events, 0L);
        });
    }

    @Test
    void aPooledEventIsWrittenOutBeforeItGoesBackToItsPool() {
        int ticks = 2_000;
        ApplicationContextRunner sender = instance("pooled-sender").withPropertyValues(
                "zerogc.events.pool.enabled=true", "zerogc.events.pool.size=8",
                "zerogc.events.kafka.outbound[" + PriceTick.class.getName() + "].topic=ticks",
                "zerogc.events.kafka.outbound[" + PriceTick.class.getName() + "].key=#{symbol}");
        ApplicationContextRunner receiver = instance("pooled-receiver")
                .withPropertyValues("zerogc.events.kafka.inbound.ticks=" + TickSeen.class.getName());
        sender.run(a -> receiver.run(b -> {
            awaitAssignment(b);
            ZeroGcEventPublisher publisher = a.getBean(ZeroGcEventPublisher.class);
            for (long seq = 0; seq < ticks; seq++) {
                publisher.publish(PriceTick.class, PriceTick::fill, "ACME", seq);
            }

            Seen seen = b.getBean(Seen.class);
            await().atMost(BOUND).until(() -> seen.of(TickSeen.class).size() == ticks);
            // Eight containers served 2,000 ticks: each was serialized with its own values, in order.
            assertThat(seen.of(TickSeen.class)).extracting(TickSeen::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, ticks).boxed().toList());
            assertThat(seen.of(TickSeen.class)).extracting(TickSeen::symbol).containsOnly("ACME");
        }));
    }

    @Test
    void anUnknownTopicIsCountedAndLoggedWithTypeAndTopic(CapturedOutput output) {
        instance("lost").withPropertyValues(
                "zerogc.events.kafka.outbound[" + OrderCancelled.class.getName() + "].topic=no-such-topic",
                "spring.kafka.producer.properties.max.block.ms=1000").run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            for (int i = 0; i < 3; i++) {
                publisher.publish(new OrderCancelled("o-" + i, "nowhere to go"));
            }

            await().atMost(BOUND).until(() -> outbound(context, "no-such-topic").externalizeFailed() == 3);
            assertThat(outbound(context, "no-such-topic")).extracting(KafkaStatistics.Outbound::externalized,
                    KafkaStatistics.Outbound::pending).containsExactly(0L, 0L);
            assertThat(output).contains("Could not send " + OrderCancelled.class.getName()
                    + " to Kafka topic 'no-such-topic'");
        });
    }

    @Test
    void aBatchThatEndsWithNothingElseWaitingIsSentAtOnceInsteadOfLingering() {
        // A producer that would hold a lone record for a minute: only the end-of-batch flush sends it sooner.
        ApplicationContextRunner lingering = instance("lingering").withPropertyValues(
                "spring.kafka.producer.properties.linger.ms=60000", "spring.kafka.producer.batch-size=1MB");
        lingering.withPropertyValues("zerogc.events.kafka.flush-at-end-of-batch=true").run(context -> {
            long before = recordsIn("orders");
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            for (int burst = 0; burst < 3; burst++) {
                long sentBefore = outbound(context, "orders").externalized();
                for (int i = 0; i < 5; i++) {
                    publisher.publish(new OrderPlaced("flushed-" + burst, i));
                }
                await().atMost(BOUND).until(() -> outbound(context, "orders").externalized() == sentBefore + 5);
            }
            assertThat(recordsIn("orders") - before).isEqualTo(15);
            assertThat(context.getBean(KafkaOutbound.class).flushes()).isBetween(3L, 15L);
        });
        lingering.run(context -> { // the default
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            publisher.publish(new OrderPlaced("lingers", 0));
            assertThat(publisher.awaitDelivery(BOUND)).isTrue();
            // Without it (the default) the record lingers with the producer, as linger.ms says.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> outbound(context, "orders").pending() == 1);
            assertThat(context.getBean(KafkaOutbound.class).flushes()).isZero();
        });
    }

    /** An asynchronous listener of a local type, beside a relay. */
    static final class LocalTicks {

        final List<TickSeen> seen = new CopyOnWriteArrayList<>();

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void on(TickSeen tick) {
            seen.add(tick);
        }
    }

    @Test
    void aRelayWaitingOnTheBrokerFillsOnlyItsOwnBufferAndCountsWhatItDrops(CapturedOutput output) {
        int events = 40;
        instance("blocked").withBean(LocalTicks.class).withPropertyValues(
                "zerogc.events.async.ring-size=8", "zerogc.events.async.overflow=block",
                "zerogc.events.kafka.outbound-buffer=4",
                "zerogc.events.kafka.outbound[" + OrderCancelled.class.getName() + "].topic=no-such-topic",
                "spring.kafka.producer.properties.max.block.ms=300").run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            long started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                publisher.publish(new OrderCancelled("o-" + i, "the producer waits 300 ms on each"));
                publisher.publish(new TickSeen("local", i));
            }
            Duration publishing = Duration.ofNanos(System.nanoTime() - started);

            // The local type's listener had everything at once, though the producer waited on every record.
            await().atMost(BOUND).until(() -> context.getBean(LocalTicks.class).seen.size() == events);
            assertThat(publishing).isLessThan(Duration.ofSeconds(3)); // 40 records x 300 ms would be 12 s
            ZeroGcEventsEndpoint endpoint = context.getBean(ZeroGcEventsEndpoint.class);
            assertThat(endpoint.eventType(TickSeen.class.getName()).eventType().dropped()).isZero();
            assertThat(endpoint.eventType(OrderCancelled.class.getName()).eventType().dropped()).isZero();
            // The relays' buffer of 4 overflowed: each event was dropped there, failed by the producer, or waits.
            await().atMost(BOUND).until(() -> outbound(context, "no-such-topic").pending() == 0);
            KafkaStatistics.Outbound relay = outbound(context, "no-such-topic");
            assertThat(relay.dropped()).isPositive();
            assertThat(relay.externalizeFailed()).isPositive();
            assertThat(relay.dropped() + relay.externalizeFailed() + relay.externalized()).isEqualTo(events);
            assertThat(relay.externalized()).isZero();
            await().atMost(BOUND).until(() -> output.toString().contains("Dropped "));
            assertThat(output).contains(" " + OrderCancelled.class.getName() + " events for Kafka topic"
                    + " 'no-such-topic' in the last second").contains("sends to it are failing");
        });
    }

    /** An unchanged application: a classic listener, and events published through Spring's own publisher. */
    static final class Classic {

        final List<OrderPlaced> heard = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(OrderPlaced event) {
            heard.add(event);
        }
    }

    @Test
    void springsPublishEventIsSentAndClassicListenersHearWhatOtherInstancesSent() {
        ApplicationContextRunner first = instance("classic-a").withBean(Classic.class);
        ApplicationContextRunner second = instance("classic-b").withBean(Classic.class);
        first.run(a -> second.run(b -> {
            awaitAssignment(a);
            awaitAssignment(b);
            ApplicationEventPublisher spring = a; // the context itself, as existing code publishes
            for (int i = 0; i < 5; i++) {
                spring.publishEvent(new OrderPlaced("classic", i));
            }

            Classic heardOnB = b.getBean(Classic.class);
            await().atMost(BOUND).until(() -> heardOnB.heard.size() == 5);
            assertThat(heardOnB.heard).extracting(OrderPlaced::seq).containsExactly(0, 1, 2, 3, 4);
            assertThat(a.getBean(Classic.class).heard).hasSize(5); // its own, once, locally
            await().atMost(BOUND).until(() -> outbound(a, "orders").externalized() == 5);
        }));
    }
}
