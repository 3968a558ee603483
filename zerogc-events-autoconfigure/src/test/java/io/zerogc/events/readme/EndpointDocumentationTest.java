package io.zerogc.events.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.pooled.Ledger;
import com.acme.pooled.Limits;
import com.acme.pooled.OrderDesk;
import com.acme.pooled.Ops;
import io.zerogc.events.support.JsonShape;
import io.zerogc.events.support.Readme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoint's responses in the README are what the endpoint returns: the same fields in the same
 * order, the same names and kinds of values; the numbers are the README's own.
 */
@SpringBootTest(classes = EndpointDocumentationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=zerogcevents", "zerogc.events.async.enabled=true",
                "zerogc.events.pool.enabled=true", "zerogc.events.stats.latency.enabled=true" })
class EndpointDocumentationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    OrderDesk desk;

    @Autowired
    Ledger ledger;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(OrderDesk.class)
    static class App {

        @Bean
        Limits limits() {
            return new Limits();
        }

        @Bean
        Ledger ledger() {
            return new Ledger();
        }

        @Bean
        Ops ops() {
            return new Ops();
        }
    }

    @Test
    void theReportIsShapedAsDocumented() throws Exception {
        placeOrders();
        JsonNode report = JSON.readTree(get("/actuator/zerogcevents"));
        JsonNode documented = JSON.readTree(Readme.output("endpoint-report"));

        // The README shows the application's own type; Spring's events (ContextRefreshedEvent, ...) are
        // listed too, as the README says, and vary with the application.
        ArrayNode shown = JSON.createArrayNode();
        for (JsonNode type : report.get("eventTypes")) {
            if (type.get("type").asString().startsWith("com.acme.")) {
                shown.add(type);
            }
        }
        assertThat(report.get("eventTypes").size()).isGreaterThan(shown.size());
        ((ObjectNode) report).set("eventTypes", shown);
        JsonShape.assertSameShape(report, documented);
    }

    @Test
    void oneTypeIsShapedAsDocumented() throws Exception {
        placeOrders();

        JsonShape.assertSameShape(JSON.readTree(get("/actuator/zerogcevents/com.acme.pooled.OrderPlaced")),
                JSON.readTree(Readme.output("endpoint-type")));
    }

    private void placeOrders() {
        for (int i = 1; i <= 100; i++) {
            desk.place(i, 10);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.booked() >= 1000);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
