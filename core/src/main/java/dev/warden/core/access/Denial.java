package dev.warden.core.access;

import dev.warden.core.token.DenialReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal: the stable reason, a message that says what failed and what would fix it, and the facts a client can
 * act on without parsing the message ({@code required_scope} and {@code token_scopes} for {@code SCOPE_MISSING},
 * {@code required_permission} and {@code roles} for {@code ROLE_LACKS_PERMISSION}).
 */
public record Denial(DenialReason reason, String message, Map<String, List<String>> facts) {
    public static final String REQUIRED_SCOPE = "required_scope";
    public static final String TOKEN_SCOPES = "token_scopes";
    public static final String REQUIRED_PERMISSION = "required_permission";
    public static final String ROLES = "roles";

    public Denial {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (facts == null ? Map.<String, List<String>>of() : facts)
                .forEach((key, values) -> copy.put(key, List.copyOf(values)));
        facts = Collections.unmodifiableMap(copy);
    }

    public Denial(DenialReason reason, String message) {
        this(reason, message, Map.of());
    }

    public List<String> fact(String name) {
        return facts.getOrDefault(name, List.of());
    }
}
