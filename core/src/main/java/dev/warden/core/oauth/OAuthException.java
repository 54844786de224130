package dev.warden.core.oauth;

import dev.warden.core.shared.DomainException;

/** A token request refused with an RFC 6749 error; the message is its {@code error_description}. */
public class OAuthException extends DomainException {
    private final OAuthError error;

    public OAuthException(OAuthError error, String description) {
        super(description);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }
}
