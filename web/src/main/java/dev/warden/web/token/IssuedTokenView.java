package dev.warden.web.token;

import dev.warden.core.permission.Scope;
import dev.warden.core.token.IssuedToken;
import dev.warden.web.console.InstantText;
import java.util.stream.Collectors;

/** What the copy dialog shows, once: the secret and enough to recognise the token. */
record IssuedTokenView(String name, String secret, String expires, String scopes) {
    static IssuedTokenView of(IssuedToken issued) {
        return new IssuedTokenView(
                issued.token().comment(),
                issued.secret().reveal(),
                InstantText.TO_THE_MINUTE.orNever(issued.token().expiresAt()),
                issued.token().scopes().stream().map(Scope::key).collect(Collectors.joining(", ")));
    }

    /** Spring logs view models at DEBUG; the secret must not go with them. */
    @Override
    public String toString() {
        return "IssuedTokenView[name=" + name + ", secret=(redacted), expires=" + expires + "]";
    }
}
