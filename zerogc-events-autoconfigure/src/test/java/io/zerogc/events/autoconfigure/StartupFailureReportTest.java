package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

/**
 * What a user reads when the application does not start: Boot's failure report, printed by
 * {@code SpringApplication}, as the starter's analyzers word it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

    /** Needs the publisher. */
    static class Checkout {

        Checkout(ZeroGcEventPublisher publisher) {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Checkout.class)
    static class NeedsThePublisher {
    }

    /** A pooled type its pool cannot make. */
    public static class Unmakeable extends PooledEvent {

        public Unmakeable(int required) {
        }

        @Override
        protected void reset() {
        }
    }

    /** A listener of the unmakeable type, and one that is invalid. */
    static class Listeners {

        @ZeroGcListener
        public void on(Unmakeable event) {
        }

        @ZeroGcListener
        public void twoArguments(String event, int retries) {
        }
    }

    /** A listener of the unmakeable type alone. */
    static class PooledListener {

        @ZeroGcListener
        public void on(Unmakeable event) {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PooledListener.class)
    static class PooledOnly {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class PooledAndInvalid {
    }

    private static void start(Class<?> app, String... properties) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off").properties(properties).run())
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aBeanThatNeedsThePublisherWhileTheStarterIsOffIsToldWhichPropertySwitchedItOff(CapturedOutput output) {
        start(NeedsThePublisher.class, "zerogc.events.enabled=false");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Bean '" + Checkout.class.getName() + "' needs a bean of type " + ZeroGcEventPublisher.class.getName()
                        + ", but zerogc-events is switched off by zerogc.events.enabled=false, so the starter defines"
                        + " none.")
                .contains("Remove zerogc.events.enabled=false (or set it to true)");
    }

    @Test
    void aPooledTypeThatCannotBePooledIsReportedAsSuchWithItsOwnAdvice(CapturedOutput output) {
        start(PooledOnly.class, "zerogc.events.pool.enabled=true");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Event types that cannot be pooled (zerogc.events.pool.enabled=true, and listeners take"
                        + " them):\n - " + Unmakeable.class.getName() + " cannot be pooled: it has no no-arg constructor")
                .contains("Give each type named above an accessible no-arg constructor")
                .doesNotContain("Invalid @ZeroGcListener methods");
    }

    @Test
    void invalidListenersAndUnpoolableTypesAreReportedTogether(CapturedOutput output) {
        start(PooledAndInvalid.class, "zerogc.events.pool.enabled=true");
        String report = output.getOut() + output.getErr();
        assertThat(report).contains("Invalid @ZeroGcListener methods:\n - @ZeroGcListener method")
                .contains("twoArguments(String, int)")
                .contains("Event types that cannot be pooled").contains(Unmakeable.class.getName())
                .contains("Fix each listener named above").contains("Give each type named above");
        assertThat(List.of(report.split("APPLICATION FAILED TO START", -1))).hasSize(2); // one report
    }
}
