package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.actuate.ZeroGcEventsEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The endpoint and the meters over HTTP, as an operator sees them.
 */
@SpringBootTest(classes = ActuatorHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=zerogcevents,metrics,prometheus",
                "zerogc.events.async.enabled=true"})
class ActuatorHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ZeroGcEventPublisher publisher;

    @Autowired
    ZeroGcEventsEndpoint endpoint;

    @BeforeEach
    void startFromZero() {
        endpoint.reset(); // the context, and so the counters, are shared by the tests of this class
    }

    record Trade(String symbol) {
    }

    static class Tape {

        @ZeroGcListener
        public void print(Trade trade) {
            if (trade.symbol().isEmpty()) {
                throw new IllegalArgumentException("no symbol");
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Tape tape() {
            return new Tape();
        }
    }

    @Test
    void theEndpointReportsTypesListenersCountersAndTheRing() throws Exception {
        publishAndDrain(3);

        String body = get("/actuator/zerogcevents", 200);

        assertThat(body).contains("\"type\":\"" + Trade.class.getName() + "\"").contains("\"published\":3")
                .contains("\"delivered\":3").contains("\"bean\":\"tape\"").contains("\"method\":\"Tape.print(Trade)\"")
                .contains("\"delivery\":\"ASYNC\"").contains("\"ring\":{\"capacity\":4096");
    }

    @Test
    void oneTypeIsReadByItsClassNameAndUnknownTypesAre404() throws Exception {
        publishAndDrain(1);

        assertThat(get("/actuator/zerogcevents/" + Trade.class.getName(), 200))
                .startsWith("{\"eventType\":{\"type\":\"" + Trade.class.getName() + "\"");
        get("/actuator/zerogcevents/com.example.Unknown", 404);
    }

    @Test
    void deleteResetsTheCounters() throws Exception {
        publishAndDrain(2);

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(uri("/actuator/zerogcevents")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/actuator/zerogcevents/" + Trade.class.getName(), 200)).contains("\"published\":0");
    }

    @Test
    void metersAreInTheMetricsEndpointAndThePrometheusScrape() throws Exception {
        publishAndDrain(1);

        assertThat(get("/actuator/metrics/zerogc.events.published?tag=type:" + Trade.class.getName(), 200))
                .contains("\"name\":\"zerogc.events.published\"");
        assertThat(get("/actuator/metrics/zerogc.events.ring.remaining", 200)).contains("4096");
        assertThat(get("/actuator/prometheus", 200))
                .contains("zerogc_events_published_total{type=\"" + Trade.class.getName() + "\"}")
                .contains("zerogc_events_delivered_total{type=\"" + Trade.class.getName() + "\"}")
                .contains("zerogc_events_ring_remaining ");
    }

    private void publishAndDrain(int events) {
        for (int i = 0; i < events; i++) {
            publisher.publish(new Trade("T" + i));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            String body = get("/actuator/zerogcevents", 200);
            return body.contains("\"lag\":0");
        });
        assertThatThrownBy(() -> publisher.publish(null)).isInstanceOf(NullPointerException.class);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
        return response.body();
    }
}
