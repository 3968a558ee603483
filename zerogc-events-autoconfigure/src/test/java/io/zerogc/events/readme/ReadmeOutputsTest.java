package io.zerogc.events.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.OrderAudit;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.support.Readme;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The messages the README quotes are the ones the starter prints, to the character.
 */
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

    @Test
    void invalidRingSize() {
        runner.withPropertyValues("zerogc.events.async.ring-size=1000")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessage(Readme.output("invalid-ring-size").strip()));
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
