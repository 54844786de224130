package dev.warden.core.token;

import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;

public class TokenNotFoundException extends ResourceNotFoundException {
    public TokenNotFoundException(TokenId id) {
        super("Token " + Validation.shorten(id.value()) + " does not exist.");
    }
}
