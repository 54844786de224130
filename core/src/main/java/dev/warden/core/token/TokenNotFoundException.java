package dev.warden.core.token;

import dev.warden.core.shared.ResourceNotFoundException;

public class TokenNotFoundException extends ResourceNotFoundException {
    public TokenNotFoundException(TokenId id) {
        super("Token " + id.value() + " does not exist.");
    }
}
