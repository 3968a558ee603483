package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.InvalidListenerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidListenerException} into a startup report that lists each invalid listener, and
 * the event types that cannot be pooled if there are some too.
 */
final class InvalidListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidListenerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidListenerException cause) {
        String action = "Fix each listener named above: one non-static method taking one concrete event type, on a"
                + " singleton bean.";
        if (cause.asyncUnavailable()) {
            action += " For the Delivery.ASYNC listeners, switch asynchronous delivery on with"
                    + " zerogc.events.async.enabled=true, or declare them Delivery.DEFAULT.";
        }
        String description = "Invalid @ZeroGcListener methods:\n - " + String.join("\n - ", cause.problems());
        for (Throwable suppressed : cause.getSuppressed()) {
            if (suppressed instanceof UnpoolableEventTypesException unpoolable) {
                description += "\n" + unpoolable.description();
                action += " " + UnpoolableEventTypesException.action();
            }
        }
        return new FailureAnalysis(description, action, cause);
    }
}
