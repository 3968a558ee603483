package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.autoconfigure.kafka.KafkaStatistics;
import io.zerogc.events.autoconfigure.kafka.KafkaStatisticsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sample's {@code kafka} profile, two instances against a broker: orders placed on one reach the
 * other as {@link RemoteOrder}s, each instance skips its own, and the second instance's dashboard shows
 * its Kafka section.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.apache.kafka=warn", "logging.level.kafka=warn", "logging.level.state.change.logger=warn" })
@ActiveProfiles("kafka")
@EmbeddedKafka(topics = "sample-orders", partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class KafkaProfileTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int ORDERS = 5;

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaStatisticsSource kafka;

    @Test
    void ordersCrossToTheOtherInstanceAndItsDashboardShowsThem() throws Exception {
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(SampleApplication.class)
                .profiles("kafka").properties("server.port=0",
                        "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()).run()) {
            KafkaStatisticsSource otherKafka = other.getBean(KafkaStatisticsSource.class);
            // Each instance's group starts at the topic's end: wait until both consumers have their place.
            await().atMost(BOUND).until(() -> inbound(kafka).lag() != null && inbound(otherKafka).lag() != null);

            for (int i = 0; i < ORDERS; i++) {
                post(port, "/api/orders", "{\"symbol\":\"ACME\",\"quantity\":10,\"priceCents\":2500}");
            }

            RemoteOrders remote = other.getBean(RemoteOrders.class);
            await().atMost(BOUND).until(() -> remote.received() == ORDERS);
            assertThat(remote.last()).extracting(RemoteOrder::symbol, RemoteOrder::quantity, RemoteOrder::priceCents)
                    .containsExactly("ACME", 10, 2500L);
            await().atMost(BOUND).until(() -> inbound(kafka).skippedOwn() == ORDERS);
            KafkaStatistics.Outbound sent = kafka.kafkaStatistics().outbound().get(0);
            assertThat(sent).extracting(KafkaStatistics.Outbound::type, KafkaStatistics.Outbound::topic,
                    KafkaStatistics.Outbound::externalized, KafkaStatistics.Outbound::externalizeFailed)
                    .containsExactly(OrderPlaced.class.getName(), "sample-orders", (long) ORDERS, 0L);
            assertThat(inbound(otherKafka).published()).isEqualTo(ORDERS);
            assertThat(other.getBean(RemoteOrders.class).received()).isEqualTo(ORDERS);
            assertThat(remote.received()).isEqualTo(ORDERS);

            ChromeDriver browser = HeadlessChromium.open();
            try {
                browser.get("http://localhost:" + other.getEnvironment().getProperty("local.server.port") + "/");
                WebDriverWait wait = new WebDriverWait(browser, BOUND);
                wait.ignoring(StaleElementReferenceException.class);
                wait.until(page -> page.findElement(By.id("kafka")).isDisplayed());
                wait.until(page -> page.findElements(By.cssSelector("#kafka-in td.published")).stream()
                        .anyMatch(td -> td.getText().equals(String.valueOf(ORDERS))));
                assertThat(browser.findElement(By.id("kafka-instance")).getText())
                        .isEqualTo(otherKafka.kafkaStatistics().instanceId());
                assertThat(browser.findElement(By.cssSelector("#kafka-out tbody")).getText())
                        .contains("OrderPlaced").contains("sample-orders");
                assertThat(HeadlessChromium.loggedErrors(browser)).as("console errors").isFalse();
            }
            finally {
                browser.quit();
            }
        }
    }

    private static KafkaStatistics.Inbound inbound(KafkaStatisticsSource kafka) {
        return kafka.kafkaStatistics().inbound().get(0);
    }

    private static String post(int port, String path, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
