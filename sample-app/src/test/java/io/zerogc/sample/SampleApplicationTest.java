package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TradeBook book;

    @Autowired
    TrafficGenerator traffic;

    @Autowired
    RejectionAlerts alerts;

    @Autowired
    PriceBoard prices;

    @Autowired
    SpringLane.Listeners springLane;

    @Autowired
    LivePrices livePrices;

    @Test
    void placedOrdersAreCheckedBookedAuditedAndRejectionsReachTheClassicListener() throws Exception {
        TradeBook.BookTotals before = book.totals();
        long alertsBefore = alerts.alerts();

        String accepted = post("/api/orders", "{\"symbol\":\"ACME\",\"quantity\":10,\"priceCents\":2500}");
        post("/api/orders", "{\"symbol\":\"ACME\",\"quantity\":5000,\"priceCents\":100}");

        assertThat(accepted).contains("\"symbol\":\"ACME\"").contains("\"quantity\":10");
        await().atMost(BOUND).until(() -> book.totals().placed() - before.placed() == 2
                && book.totals().rejected() - before.rejected() == 1);
        assertThat(book.totals().notionalCents() - before.notionalCents()).isEqualTo(10 * 2500 + 5000 * 100);
        await().atMost(BOUND).until(() -> alerts.alerts() - alertsBefore == 1);
        assertThat(get("/api/stats")).contains("\"rejectionAlerts\":");
    }

    @Test
    void trafficCanBeStartedAndStoppedAndTicksComeFromThePool() throws Exception {
        long before = traffic.ticks();

        assertThat(post("/api/traffic/start?rate=50000", "")).contains("\"trafficRate\":50000");
        await().atMost(BOUND).until(() -> traffic.ticks() >= before + 10_000);
        assertThat(post("/api/traffic/stop", "")).contains("\"trafficRate\":0");

        assertThat(traffic.ticks()).isGreaterThanOrEqualTo(before + 10_000);
        await().atMost(BOUND).until(() -> prices.lastPrice("ACME") > 0);
        String report = get("/actuator/zerogcevents");
        assertThat(report).contains("\"type\":\"io.zerogc.sample.QuoteTick\"")
                .contains("\"pools\":[{\"type\":\"io.zerogc.sample.QuoteTick\"").contains("\"misses\":0")
                .contains("\"deliveryLatency\":{\"count\":");
    }

    @Test
    void eachBrowserGetsAFeedOfItsOwnUntilItGoesAndItsSubscriptionGoesWithIt() throws Exception {
        int before = livePrices.browsers();
        post("/api/traffic/start?rate=20000", "");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/prices")).GET()
                    .build();
            HttpResponse<Stream<String>> feed = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            String prices = assertTimeoutPreemptively(BOUND, () -> feed.body()
                    .filter(line -> line.startsWith("data:") && line.matches(".*\"ticks\":[1-9].*")).findFirst()
                    .orElseThrow());
            assertThat(prices).contains("{\"symbol\":\"ACME\",\"priceCents\":");
            assertThat(livePrices.browsers()).isEqualTo(before + 1);
            assertThat(get("/actuator/zerogcevents/io.zerogc.sample.QuoteTick"))
                    .contains("\"subscribers\":{\"sync\":0,\"async\":" + (before + 1));

            feed.body().close(); // the browser goes: the next push fails and the subscription is closed

            await().atMost(BOUND).until(() -> livePrices.browsers() == before);
            assertThat(get("/actuator/zerogcevents/io.zerogc.sample.QuoteTick"))
                    .contains("\"subscribers\":{\"sync\":0,\"async\":" + before);
        }
        finally {
            post("/api/traffic/stop", "");
        }
    }

    @Test
    void theSpringLaneCarriesTheSameTrafficThroughPlainSpring() throws Exception {
        long before = traffic.events(TrafficGenerator.Lane.SPRING);
        long booked = springLane.booked();

        assertThat(post("/api/traffic/start?rate=20000&lane=spring", "")).contains("\"trafficLane\":\"spring\"");
        await().atMost(BOUND).until(() -> traffic.events(TrafficGenerator.Lane.SPRING) >= before + 5_000
                && springLane.booked() > booked);
        post("/api/traffic/stop", "");

        assertThat(springLane.latencyPercentiles()[1]).as("p99 of the @Async listener, ns").isPositive();
        assertThat(get("/api/lanes")).contains("\"spring\":{\"events\":").contains("\"jvmAllocatedBytes\":");
    }

    @Test
    void badTrafficRequestsAreAnsweredWithProblemDetails() throws Exception {
        assertProblem(send("POST", "/api/traffic/start?rate=0"),
                "rate must be from 1 to 5,000,000 steps per second, was 0");
        assertProblem(send("POST", "/api/traffic/start?rate=5000001"),
                "rate must be from 1 to 5,000,000 steps per second, was 5,000,001");
        assertProblem(send("POST", "/api/traffic/start?lane=kafka"), "lane must be 'zerogc' or 'spring', was 'kafka'");
        assertProblem(send("POST", "/api/traffic/start?rate=fast"), "fast");
        assertThat(traffic.rate()).isZero();
    }

    @Test
    void badOrdersAreAnsweredWithProblemDetailsNamingTheField() throws Exception {
        String bigSymbol = "A".repeat(2 * 1024 * 1024);
        assertOrderProblem("{\"symbol\":\"ACME\",\"quantity\":-5,\"priceCents\":2500}", "quantity",
                "quantity must be from 1 to 1,000,000, was -5");
        assertOrderProblem("{\"symbol\":\"\",\"quantity\":10,\"priceCents\":2500}", "symbol",
                "symbol must be 1 to 12 capital letters, digits, '.' or '-', was ''");
        assertOrderProblem("{\"quantity\":10,\"priceCents\":2500}", "symbol", "was missing");
        assertOrderProblem("{\"symbol\":\"" + bigSymbol + "\",\"quantity\":10,\"priceCents\":2500}", "symbol",
                "was a string of 2,097,152 characters".replace(",", ""));
        // A price whose notional would overflow a long (it booked as -9.2e18 before the bound).
        assertOrderProblem("{\"symbol\":\"ACME\",\"quantity\":900,\"priceCents\":9223372036854775807}",
                "priceCents", "priceCents must be from 1 to 10,000,000,000, was 9,223,372,036,854,775,807");
    }

    private void assertOrderProblem(String json, String field, String detail) throws Exception {
        long placed = book.totals().placed();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertProblem(response, detail);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
        assertThat(book.totals().placed()).as("orders booked").isEqualTo(placed);
    }

    private static void assertProblem(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400").contains(detail);
    }

    @Test
    void theSampleExposesItsActuatorEndpoints() throws Exception {
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/zerogcevents")).contains("\"eventTypes\":").contains("\"ring\":{\"capacity\":4096");
        assertThat(get("/actuator/metrics/jvm.gc.pause")).contains("\"name\":\"jvm.gc.pause\"");
        post("/api/orders", "{\"symbol\":\"HOOLI\",\"quantity\":1,\"priceCents\":1}");
        assertThat(get("/actuator/prometheus")).contains("zerogc_events_published_total{type=\"io.zerogc.sample.OrderPlaced\"");
        assertThat(get("/")).contains("zerogc-events").contains("dashboard.js");
    }

    private String post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
