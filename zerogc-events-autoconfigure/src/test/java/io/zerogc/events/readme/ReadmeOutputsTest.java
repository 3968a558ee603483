package io.zerogc.events.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.OrderAudit;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.support.Readme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The messages the README quotes are the ones the starter prints, to the character.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeOutputsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));

    @Test
    void invalidListeners() {
        runner.withBean("orderAudit", OrderAudit.class).run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription() + "\n").isEqualTo(Readme.output("invalid-listeners"));
        });
    }

    /** An application of the README's, started with one bad value on its command line. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @Test
    void invalidRingSize(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off").run("--zerogc.events.async.ring-size=1000"))
                .isInstanceOf(RuntimeException.class);
        assertThat(report(output.getOut() + output.getErr())).isEqualTo(Readme.output("invalid-ring-size"));
    }

    /** Boot's failure report as printed: from its banner to the end of its action. */
    private static String report(String printed) {
        int start = printed.indexOf("***************************\nAPPLICATION FAILED TO START");
        assertThat(start).as("a failure report in %s", printed).isNotNegative();
        int action = printed.indexOf("Action:\n\n", start);
        int end = printed.indexOf("\n\n", action + "Action:\n\n".length());
        return printed.substring(start, end < 0 ? printed.length() : end).strip() + "\n";
    }

    @Test
    void unknownProperty() {
        runner.withPropertyValues("zerogc.events.async.ring-sise=1024")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessage(Readme.output("unknown-property").strip()));
    }

    /**
     * As Spring Boot reports a startup failure: the first registered analyzer that recognises it (those
     * that need a bean factory to be created are left out).
     */
    private static FailureAnalysis analyze(Throwable failure) {
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> { }))) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("No failure analyzer recognised " + failure);
    }
}
