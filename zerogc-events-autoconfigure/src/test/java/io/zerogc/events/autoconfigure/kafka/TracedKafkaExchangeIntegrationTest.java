package io.zerogc.events.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.support.LocalHttp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trace spans two instances: an HTTP request on one publishes an externalized event; the other
 * receives it through a real broker (embedded) and its listeners, synchronous and asynchronous, run in the
 * request's trace. Both run Boot's tracing auto-configuration (Brave) as it comes, with
 * {@code zerogc.events.async.propagate-context=true} and nothing else.
 */
class TracedKafkaExchangeIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int PARTITIONS = 2;
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, "orders");
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    /** What a receiving listener found on its thread. */
    record Seen(String listener, String orderId, String mdcTraceId, String traceId, String parentId, String thread) {
    }

    /** The sending instance's request: publishes the order and answers with its trace id. */
    @RestController
    static class Orders {

        private final ZeroGcEventPublisher publisher;
        private final Tracer tracer;

        Orders(ZeroGcEventPublisher publisher, Tracer tracer) {
            this.publisher = publisher;
            this.tracer = tracer;
        }

        @PostMapping("/orders/{id}")
        String place(@PathVariable String id) {
            publisher.publish(new OrderPlaced(id, 0));
            return tracer.currentSpan().context().traceId();
        }
    }

    /** The receiving instance's listeners. */
    static class Received {

        final List<Seen> seen = new CopyOnWriteArrayList<>();
        private final Tracer tracer;

        Received(Tracer tracer) {
            this.tracer = tracer;
        }

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void later(OrderPlaced order) {
            note("async", order);
        }

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void now(OrderPlaced order) {
            note("sync", order);
        }

        private void note(String listener, OrderPlaced order) {
            Span current = tracer.currentSpan();
            seen.add(new Seen(listener, order.orderId(), MDC.get("traceId"),
                    current == null ? null : current.context().traceId(),
                    current == null ? null : current.context().parentId(), Thread.currentThread().getName()));
        }

        Seen of(String listener, String orderId) {
            return seen.stream().filter(s -> s.listener().equals(listener) && s.orderId().equals(orderId))
                    .findFirst().orElse(null);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class Sender {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Received.class)
    static class Receiver {
    }

    private static ConfigurableApplicationContext start(Class<?> app, WebApplicationType web, String... properties) {
        return new SpringApplicationBuilder(app).web(web).properties(
                "server.port=0", "spring.main.banner-mode=off", "management.tracing.sampling.probability=1.0",
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "zerogc.events.async.enabled=true", "zerogc.events.async.propagate-context=true",
                "zerogc.events.kafka.enabled=true",
                // a new consumer group per run, which starts at the topic's end
                "zerogc.events.kafka.instance-id=" + app.getSimpleName() + "-" + UUID.randomUUID())
                .properties(properties).run();
    }

    private static String post(ConfigurableApplicationContext context, String id) throws Exception {
        return LocalHttp.post(context, "/orders/" + id);
    }

    @Test
    void theReceivingInstancesListenersRunInTheSendingRequestsTrace() throws Exception {
        try (ConfigurableApplicationContext receiver = start(Receiver.class, WebApplicationType.NONE,
                "zerogc.events.kafka.inbound.orders=" + OrderPlaced.class.getName());
                ConfigurableApplicationContext sender = start(Sender.class, WebApplicationType.SERVLET)) {
            for (InboundTopic topic : receiver.getBean(KafkaInbound.class).topics()) {
                ContainerTestUtils.waitForAssignment(topic.container(), PARTITIONS);
            }
            Received received = receiver.getBean(Received.class);

            for (int request = 1; request <= 3; request++) {
                String order = "o-" + request;
                String requestTrace = post(sender, order);
                await().atMost(BOUND).until(() -> received.of("async", order) != null
                        && received.of("sync", order) != null);

                Seen sync = received.of("sync", order);
                assertThat(sync.traceId()).isEqualTo(requestTrace);
                assertThat(sync.mdcTraceId()).isEqualTo(requestTrace);
                assertThat(sync.parentId()).isNotEmpty(); // the receive continues the send, it is no new trace
                Seen async = received.of("async", order);
                assertThat(async.thread()).startsWith("zerogc-events-");
                assertThat(async.traceId()).isEqualTo(requestTrace);
                assertThat(async.mdcTraceId()).isEqualTo(requestTrace);
            }

            // An event published outside any trace is sent without trace headers: its receipt starts a trace.
            sender.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("untraced", 0));
            await().atMost(BOUND).until(() -> received.of("sync", "untraced") != null);
            Seen untraced = received.of("sync", "untraced");
            assertThat(untraced.traceId()).isNotNull();
            assertThat(untraced.parentId()).isNullOrEmpty();
            assertThat(received.seen).filteredOn(s -> !s.orderId().equals("untraced"))
                    .extracting(Seen::traceId).doesNotContain(untraced.traceId());
        }
    }
}
