package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.InvalidListenerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidListenerException} into a startup report that lists each invalid listener.
 */
final class InvalidListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidListenerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidListenerException cause) {
        return new FailureAnalysis("Invalid @ZeroGcListener methods:\n - " + String.join("\n - ", cause.problems()),
                "Fix each listener named above: one non-static method taking one concrete event type, on a"
                        + " singleton bean.", cause);
    }
}
