package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TradeBook book;

    @Autowired
    TrafficGenerator traffic;

    @Test
    void placedOrdersAreCheckedBookedAndAudited() throws Exception {
        TradeBook.BookTotals before = book.totals();

        String accepted = post("/api/orders", "{\"symbol\":\"ACME\",\"quantity\":10,\"priceCents\":2500}");
        post("/api/orders", "{\"symbol\":\"ACME\",\"quantity\":5000,\"priceCents\":100}");

        assertThat(accepted).contains("\"symbol\":\"ACME\"").contains("\"quantity\":10");
        TradeBook.BookTotals after = book.totals();
        assertThat(after.placed() - before.placed()).isEqualTo(2);
        assertThat(after.rejected() - before.rejected()).isEqualTo(1);
        assertThat(after.notionalCents() - before.notionalCents()).isEqualTo(10 * 2500 + 5000 * 100);
        assertThat(get("/api/stats")).contains("\"placed\":" + after.placed());
    }

    @Test
    void trafficCanBeStartedAndStopped() throws Exception {
        long before = traffic.published();

        assertThat(post("/api/traffic/start?rate=50000", "")).contains("\"trafficRate\":50000");
        await().atMost(Duration.ofSeconds(10)).until(() -> traffic.published() >= before + 10_000);
        assertThat(post("/api/traffic/stop", "")).contains("\"trafficRate\":0");

        assertThat(traffic.published()).isGreaterThanOrEqualTo(before + 10_000);
        assertThat(book.totals().placed()).isGreaterThanOrEqualTo(traffic.published() - before);
    }

    private String post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
