package io.zerogc.events.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.dispatch.DispatchStatistics.Figure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A broker outage as production has them: the broker in a process of its own, killed with SIGKILL while
 * events flow, started again later. Local asynchronous delivery goes on untouched; publishing an
 * externalized type never waits on the broker; the relays drop what their buffer cannot hold and say
 * so; sends resume with the broker; every event is counted once; the application closes within its
 * bound with the broker down.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaOutageIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    private static final String TOPIC = "outage-orders";

    private BrokerProcess broker;

    /** A local type's asynchronous listener: it never goes to Kafka. */
    static final class Local {

        final AtomicLong ticks = new AtomicLong();

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void on(TickSeen tick) {
            ticks.incrementAndGet();
        }
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anOutageCostsLocalDeliveryNothingAndIsToldCountedAndSurvived(@TempDir Path directory, CapturedOutput output)
            throws Exception {
        broker = new BrokerProcess(directory);
        broker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                        ZeroGcEventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class))
                .withBean(Local.class)
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "spring.kafka.producer.properties.max.block.ms=1000",
                        "spring.kafka.consumer.auto-offset-reset=earliest",
                        "zerogc.events.async.enabled=true",
                        "zerogc.events.async.ring-size=1024",
                        "zerogc.events.async.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms",
                        "zerogc.events.kafka.enabled=true",
                        "zerogc.events.kafka.outbound-buffer=3000", // full 1.5 s into the outage
                        "zerogc.events.kafka.outbound[" + OrderPlaced.class.getName() + "].topic=" + TOPIC,
                        "zerogc.events.kafka.outbound[" + OrderPlaced.class.getName() + "].key=#{orderId}",
                        "zerogc.events.kafka.inbound." + TOPIC + "=" + OrderPlaced.class.getName())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    KafkaOutbound outbound = context.getBean(KafkaOutbound.class);
                    Local local = context.getBean(Local.class);
                    long[] published = {0, 0}; // orders, ticks

                    // Up: every order is sent, once the producer has the topic's metadata (the first send fetches it).
                    publisher.publish(new OrderPlaced("first", 0));
                    published[0]++;
                    await().atMost(BOUND).until(() -> relay(outbound).externalized() == 1);
                    traffic(publisher, published, Duration.ofSeconds(1));
                    await().atMost(BOUND).until(() -> relay(outbound).externalized() == published[0]);

                    // Down: local ticks keep flowing, publishing orders never waits on the broker.
                    broker.kill();
                    long slowest = traffic(publisher, published, Duration.ofSeconds(4));
                    assertThat(Duration.ofNanos(slowest)).as("the slowest publish during the outage")
                            .isLessThan(Duration.ofMillis(200));
                    await().atMost(BOUND).until(() -> local.ticks.get() == published[1]);
                    DispatchingEventPublisher events = (DispatchingEventPublisher) publisher;
                    assertThat(events.dispatcher().statistics().count(TickSeen.class, Figure.DROPPED)).isZero();
                    assertThat(events.dispatcher().statistics().count(OrderPlaced.class, Figure.DROPPED)).isZero();
                    await().atMost(BOUND).until(() -> relay(outbound).dropped() > 0);
                    await().atMost(BOUND).until(() -> output.toString().contains("sends to it are failing")
                            && output.toString().contains("events for Kafka topic '" + TOPIC + "' in the last second"));
                    // One line for the outage, not one per failed record (a line may be captured twice: distinct).
                    assertThat(output.toString().lines().filter(line -> line.contains("): sends to it are failing"))
                            .distinct()).as("lines telling that sends fail").hasSize(1);
                    assertThat(relay(outbound).externalizeFailed()).isGreaterThan(1);

                    // Up again: sends resume, and every order is exactly one of sent, failed, dropped.
                    broker.start();
                    await().atMost(BOUND).until(() -> output.toString().contains("succeed again"));
                    long sentBefore = relay(outbound).externalized();
                    traffic(publisher, published, Duration.ofSeconds(1));
                    await().atMost(BOUND).until(() -> relay(outbound).pending() == 0
                            && relay(outbound).externalized() > sentBefore);
                    KafkaStatistics.Outbound relay = relay(outbound);
                    assertThat(relay.externalized() + relay.externalizeFailed() + relay.dropped())
                            .isEqualTo(published[0]);
                    await().atMost(BOUND).until(() -> local.ticks.get() == published[1]);

                    // Down at shutdown: the context closes within its bound, and says what was not sent.
                    broker.kill();
                    traffic(publisher, published, Duration.ofMillis(500));
                    long closing = System.nanoTime();
                    context.close();
                    Duration closed = Duration.ofNanos(System.nanoTime() - closing);
                    // The inbound container and the relays each get the timeout; the ring drains at once.
                    assertThat(closed).isLessThan(SHUTDOWN_TIMEOUT.multipliedBy(2).plusSeconds(3));
                    relay = relay(outbound);
                    assertThat(relay.externalized() + relay.externalizeFailed() + relay.dropped())
                            .isEqualTo(published[0]);
                    assertThat(output).contains("the application is closing, they are lost");
                });
    }

    private static KafkaStatistics.Outbound relay(KafkaOutbound outbound) {
        return outbound.statistics().get(0);
    }

    /**
     * Publishes an order and a local tick every 500 us for a while.
     *
     * @return the slowest order publish, in nanoseconds
     */
    private static long traffic(ZeroGcEventPublisher publisher, long[] published, Duration duration) {
        long slowest = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            long start = System.nanoTime();
            publisher.publish(new OrderPlaced("o-" + (published[0] % 64), (int) published[0]));
            slowest = Math.max(slowest, System.nanoTime() - start);
            published[0]++;
            publisher.publish(new TickSeen("local", published[1]++));
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
        return slowest;
    }
}
