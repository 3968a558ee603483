package io.zerogc.events.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link UnpoolableEventTypesException} into a startup report that lists each type and says how
 * to mend it.
 */
final class UnpoolableEventTypesFailureAnalyzer extends AbstractFailureAnalyzer<UnpoolableEventTypesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnpoolableEventTypesException cause) {
        return new FailureAnalysis(cause.description(), UnpoolableEventTypesException.action(), cause);
    }
}
