package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): traffic runs through the zerogc lane, then the Spring lane, from the
 * page; the charts fill, the figures say what they are, and the page logs no error. Saves a screenshot to
 * {@code target/dashboard.png}. With {@code -Ddashboard.refresh-docs=true} each lane runs 30 s first and
 * the screenshot replaces the README's {@code docs/dashboard.png}, which an ordinary build leaves alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {

    @LocalServerPort
    int port;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardChartsBothLanesWithLabelledFigures() throws Exception {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // The page re-renders its tables every second: an element found just before a poll goes stale.
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> page.findElement(By.id("status")).getText().startsWith("Updated"));
        assertThat(browser.findElement(By.id("kafka")).isDisplayed()).as("Kafka section without the kafka profile")
                .isFalse();
        boolean refreshDocs = Boolean.getBoolean("dashboard.refresh-docs");
        Duration perLane = refreshDocs ? Duration.ofSeconds(30) : Duration.ZERO;

        runLane(wait, "zerogc", perLane);
        long first = publishedTicks(wait, 0);
        long second = publishedTicks(wait, first);
        assertThat(second).isGreaterThan(first);
        wait.until(page -> chartPoints(page, "chart-rate") >= 6 && chartPoints(page, "chart-bytes") >= 1
                && chartPoints(page, "chart-latency") >= 1 && chartPoints(page, "chart-ring") >= 3);
        assertThat(browser.findElement(By.id("latency-p99")).getText()).matches("p99 [0-9.,]+ (\u00b5s|ms)");
        assertThat(browser.findElement(By.id("latency-detail")).getText()).startsWith("zerogc lane").contains("p50")
                .contains("p99.9");
        assertThat(browser.findElement(By.id("ring-fill")).getText()).endsWith("% full now");
        assertThat(browser.findElement(By.id("ring-detail")).getText())
                .contains("slots in use now; most in use over the chart's 180 s:").contains("most ever:");
        assertThat(browser.findElement(By.id("chart-ring")).getAttribute("data-high")).as("ring axis bound, %")
                .isEqualTo("100");
        wait.until(page -> page.findElement(By.id("rate-detail")).getText().startsWith("zerogc lane")
                && !page.findElement(By.id("total-rate")).getText().equals("0"));
        assertThat(browser.findElement(By.id("bytes-detail")).getText()).startsWith("publishing thread, zerogc lane");
        // The page's own price feed, a run-time subscription of its own on the server.
        wait.until(page -> page.findElements(By.cssSelector("#prices tr[data-symbol='ACME'] td.price")).stream()
                .anyMatch(price -> price.getText().matches("[0-9]+\\.[0-9]{2}")));

        runLane(wait, "spring", perLane);
        wait.until(page -> page.findElement(By.id("rate-detail")).getText().startsWith("Spring lane")
                && page.findElement(By.id("latency-detail")).getText().startsWith("Spring lane"));
        wait.until(page -> !page.findElement(By.id("total-rate")).getText().equals("0"));
        assertThat(browser.findElements(By.cssSelector("figcaption"))).extracting(e -> e.getText())
                .containsExactly("Events published per second, by type",
                        "Publish-to-delivery latency, asynchronous listeners (\u00b5s, log scale)",
                        "Bytes allocated per event, whole JVM (B, log scale)",
                        "GC pauses per second, whole JVM", "Ring fill, % of slots in use (zerogc lane)");
        assertThat(browser.findElement(By.id("gc-count")).getText()).matches("[0-9,]+");

        Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "dashboard.png");
        Files.copy(screenshot, target, StandardCopyOption.REPLACE_EXISTING);
        Path docs = Path.of("..", "docs");
        if (refreshDocs && Files.isDirectory(docs)) {
            Files.copy(screenshot, docs.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.size(target)).isGreaterThan(10_000);
        // The lane chooser follows the lane the server runs, whoever started it.
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/traffic/start?rate=1000&lane=zerogc"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(200);
        wait.until(page -> new Select(page.findElement(By.id("lane"))).getFirstSelectedOption().getAttribute("value")
                .equals("zerogc"));
        browser.findElement(By.id("stop")).click();
        wait.until(page -> page.findElement(By.id("traffic-state")).getText().equals("stopped"));
        assertThat(HeadlessChromium.loggedErrors(browser)).as("console errors").isFalse();
    }

    /** Starts a lane at 100,000 steps/s from the page and lets it run for a while (none in ordinary builds). */
    private void runLane(WebDriverWait wait, String lane, Duration runFor) {
        new Select(browser.findElement(By.id("lane"))).selectByValue(lane);
        browser.findElement(By.id("rate")).clear();
        browser.findElement(By.id("rate")).sendKeys("100000");
        browser.findElement(By.id("start")).click();
        wait.until(page -> page.findElement(By.id("traffic-state")).getText().startsWith("running " + lane));
        if (!runFor.isZero()) {
            long until = System.nanoTime() + runFor.toNanos();
            // The README's picture shows each lane after this long: wait for the time, bounded.
            new WebDriverWait(browser, runFor.plusSeconds(30)).pollingEvery(Duration.ofSeconds(1))
                    .until(page -> System.nanoTime() >= until);
        }
    }

    /** How many points a chart has drawn, as the page records on its canvas. */
    private static long chartPoints(org.openqa.selenium.WebDriver page, String chart) {
        String points = page.findElement(By.id(chart)).getAttribute("data-points");
        return points == null ? 0 : Long.parseLong(points);
    }

    /** Waits until the QuoteTick row shows more than {@code above} published, and returns it. */
    private long publishedTicks(WebDriverWait wait, long above) {
        return wait.until(page -> {
            var rows = page.findElements(By.cssSelector("#types tr[data-type='io.zerogc.sample.QuoteTick'] td.published"));
            if (rows.isEmpty()) {
                return null;
            }
            long value = Long.parseLong(rows.get(0).getText().replace(",", ""));
            return value > above ? value : null;
        });
    }
}
