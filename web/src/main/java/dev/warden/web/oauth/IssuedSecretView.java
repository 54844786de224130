package dev.warden.web.oauth;

import dev.warden.core.oauth.CreatedSecret;

/** What the copy dialog shows of a new OAuth secret, once (the shape the shared dialog reads). */
record IssuedSecretView(String name, String secret) {
    static IssuedSecretView of(CreatedSecret created) {
        return new IssuedSecretView(
                created.secret().displayHint(), created.value().reveal());
    }

    /** Spring logs view models at DEBUG; the secret must not go with them. */
    @Override
    public String toString() {
        return "IssuedSecretView[name=" + name + ", secret=(redacted)]";
    }
}
