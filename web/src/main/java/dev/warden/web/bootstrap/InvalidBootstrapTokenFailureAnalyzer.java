package dev.warden.web.bootstrap;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad bootstrap token into a short start-up failure report instead of a stack trace. */
class InvalidBootstrapTokenFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBootstrapTokenException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidBootstrapTokenException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set WARDEN_BOOTSTRAP_ADMIN_TOKEN to a value in Warden's token format (see README, 'Token format'),"
                        + " or unset it.",
                cause);
    }
}
