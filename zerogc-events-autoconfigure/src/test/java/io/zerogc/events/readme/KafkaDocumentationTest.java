package io.zerogc.events.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.kafka.Fulfilment;
import com.acme.kafka.OrderPlaced;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.support.JsonShape;
import io.zerogc.events.support.Readme;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's two-instance Kafka example, run: two applications with its properties exchange its
 * event through a real broker, and the endpoint's {@code kafka} section is shaped as documented.
 */
class KafkaDocumentationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, "orders");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @AutoConfigurationPackage(basePackageClasses = OrderPlaced.class)
    @Import(Fulfilment.class)
    static class App {
    }

    /** One instance: the README's properties, this broker, and the documented instance id for the first. */
    private static ConfigurableApplicationContext start(String instanceId, boolean web) throws IOException {
        List<String> properties = new ArrayList<>();
        Properties documented = new Properties();
        try (InputStream in = KafkaDocumentationTest.class.getResourceAsStream("/com/acme/kafka/instance.properties")) {
            documented.load(in);
        }
        documented.forEach((key, value) -> properties.add(key + "=" + value));
        properties.add("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
        properties.add("zerogc.events.kafka.instance-id=" + instanceId);
        properties.add("server.port=0");
        properties.add("management.endpoints.web.exposure.include=zerogcevents");
        return new SpringApplicationBuilder(App.class).web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new)).run();
    }

    @Test
    void twoInstancesOfTheExampleSeeEveryOrderOnceAndTheKafkaSectionIsShapedAsDocumented() throws Exception {
        try (ConfigurableApplicationContext a = start("orders-eu-1", true);
                ConfigurableApplicationContext b = start("orders-eu-2", false)) {
            awaitAssignment(a);
            awaitAssignment(b);
            ZeroGcEventPublisher orders = a.getBean(ZeroGcEventPublisher.class);
            for (int i = 1; i <= 3; i++) {
                orders.publish(new OrderPlaced("o-" + i, 10));
            }

            await().atMost(BOUND).until(() -> b.getBean(Fulfilment.class).orders().size() == 3
                    && statistics(a).inbound().get(0).skippedOwn() == 3 && statistics(a).inbound().get(0).lag() != null);
            assertThat(b.getBean(Fulfilment.class).orders()).containsExactlyInAnyOrder("o-1", "o-2", "o-3");
            assertThat(a.getBean(Fulfilment.class).orders()).containsExactlyInAnyOrder("o-1", "o-2", "o-3");

            JsonNode report = JsonMapper.builder().build().readTree(get(a, "/actuator/zerogcevents"));
            JsonNode documented = JsonMapper.builder().build().readTree(Readme.output("endpoint-kafka"));
            JsonShape.assertSameShape(JsonMapper.builder().build().createObjectNode().set("kafka", report.get("kafka")),
                    documented);
        }
    }

    private static io.zerogc.events.autoconfigure.kafka.KafkaStatistics statistics(ConfigurableApplicationContext context) {
        return context.getBean(io.zerogc.events.autoconfigure.kafka.KafkaStatisticsSource.class).kafkaStatistics();
    }

    /** Records sent before an instance's consumer has its partitions would be skipped: it starts at the end. */
    private static void awaitAssignment(ConfigurableApplicationContext context) {
        await().atMost(BOUND).until(() -> statistics(context).inbound().get(0).lag() != null);
    }

    private static String get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
