package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): traffic starts from the page, the counters rise, the GC figure shows.
 * Saves a screenshot to {@code target/dashboard.png}; with {@code -Ddashboard.refresh-docs=true} it also
 * replaces the README's {@code docs/dashboard.png}, which an ordinary build leaves alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory("dashboard-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardShowsCountersRisingWhileTrafficFlows() throws Exception {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // The page re-renders its tables every second: an element found just before a poll goes stale.
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> page.findElement(By.id("status")).getText().startsWith("Updated"));

        browser.findElement(By.id("rate")).clear();
        browser.findElement(By.id("rate")).sendKeys("100000");
        browser.findElement(By.id("start")).click();

        wait.until(page -> page.findElement(By.id("traffic-state")).getText().startsWith("running"));
        long first = publishedTicks(wait, 0);
        long second = publishedTicks(wait, first);
        assertThat(second).isGreaterThan(first);
        wait.until(page -> !page.findElement(By.id("total-rate")).getText().equals("0"));
        String gc = browser.findElement(By.id("gc-count")).getText();
        assertThat(gc).matches("[0-9,]+");
        assertThat(browser.findElement(By.id("latency-p99")).getText()).endsWith("\u00b5s");

        Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "dashboard.png");
        Files.copy(screenshot, target, StandardCopyOption.REPLACE_EXISTING);
        Path docs = Path.of("..", "docs");
        if (Boolean.getBoolean("dashboard.refresh-docs") && Files.isDirectory(docs)) {
            Files.copy(screenshot, docs.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.size(target)).isGreaterThan(10_000);
        browser.findElement(By.id("stop")).click();
        wait.until(page -> page.findElement(By.id("traffic-state")).getText().equals("stopped"));
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
