package dev.warden.web.token;

import dev.warden.core.permission.Scope;
import dev.warden.core.token.IssuedToken;
import dev.warden.web.console.InstantText;
import java.util.stream.Collectors;

/** What the copy dialog of a new organisation or group token shows, once: the secret and enough to recognise it. */
public record TechnicalIssuedView(String id, String name, String secret, String expires, String scopes, String role) {

    static TechnicalIssuedView of(IssuedToken issued, String role) {
        return new TechnicalIssuedView(
                issued.token().id().value(),
                issued.token().comment(),
                issued.secret().reveal(),
                InstantText.TO_THE_MINUTE.orNever(issued.token().expiresAt()),
                issued.token().scopes().stream().map(Scope::key).collect(Collectors.joining(", ")),
                role);
    }

    /** Spring logs view models at DEBUG; the secret must not go with them. */
    @Override
    public String toString() {
        return "TechnicalIssuedView[id=" + id + ", name=" + name + ", secret=(redacted), expires=" + expires + "]";
    }
}
