package dev.warden.core.shared;

/** A per-principal limit is reached (API: 400 {@code QUOTA_EXCEEDED}). */
public class QuotaExceededException extends DomainException {
    public QuotaExceededException(String message) {
        super(message);
    }
}
