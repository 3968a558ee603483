package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.DispatchStatistics.Figure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Drops by the ring's overflow policy are told: a WARN line per type at most once a second, whose counts
 * add up to the type's {@code dropped}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DropWarningsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Pattern DROPPED = Pattern.compile("Dropped (\\d+) " + Pattern.quote(Quote.class.getName())
            + " events for their asynchronous listeners since the last line");

    record Quote(int n) {
    }

    /** Stuck in its first call until released, so that the ring fills. */
    static final class Slow {

        final CountDownLatch release = new CountDownLatch(1);

        @ZeroGcListener(delivery = Delivery.ASYNC)
        void on(Quote quote) throws InterruptedException {
            release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void dropsAreToldPerTypeAtMostOnceASecondAndTheLinesAddUpToTheCount(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
                .withBean(Slow.class)
                .withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.ring-size=4",
                        "zerogc.events.async.overflow=drop")
                .run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    for (int i = 0; i < 100; i++) {
                        publisher.publish(new Quote(i));
                    }
                    long dropped = context.getBean(DispatchingEventPublisher.class).dispatcher().statistics()
                            .count(Quote.class, Figure.DROPPED);
                    assertThat(dropped).isPositive();
                    await().atMost(BOUND).until(() -> told(output) == dropped);
                    context.getBean(Slow.class).release.countDown();
                });
        assertThat(output).contains("the ring was full and zerogc.events.async.overflow=drop");
    }

    @Test
    void whatAStopOrACloseLeavesUndeliveredIsToldPerTypeInTheWordsTrueThen(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
                .withBean(Slow.class)
                .withPropertyValues("zerogc.events.async.enabled=true", "zerogc.events.async.shutdown-timeout=100ms")
                .run(context -> {
                    ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                    for (int i = 0; i < 3; i++) {
                        publisher.publish(new Quote(i));
                    }
                    context.stop(); // the listener is still stuck in its first call
                    assertThat(output).contains("were not delivered within zerogc.events.async.shutdown-timeout=PT0.1S {"
                            + Quote.class.getName() + "=").contains("the application stopped; they stay in the ring and"
                            + " are delivered when it starts again").doesNotContain("they are lost");
                });
        // Closed with the listener still stuck: the same report, now with the close's words.
        assertThat(output).contains("the application is closing, they are lost");
    }

    /** The drops the lines told so far, each line counted once. */
    private static long told(CapturedOutput output) {
        return output.toString().lines().distinct().mapToLong(line -> {
            Matcher matcher = DROPPED.matcher(line);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        }).sum();
    }
}
