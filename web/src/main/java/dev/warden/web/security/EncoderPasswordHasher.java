package dev.warden.web.security;

import dev.warden.core.principal.PasswordHasher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Core's password port on the console's {@link PasswordEncoder} (bcrypt, with its {@code {id}} prefix). */
@Component
class EncoderPasswordHasher implements PasswordHasher {
    private final PasswordEncoder encoder;

    EncoderPasswordHasher(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public String hash(String password) {
        return encoder.encode(password);
    }

    @Override
    public boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }
}
