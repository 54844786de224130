package dev.warden.core.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What an update of a token changes: its scopes (narrowed, never widened), its comment, or both. A part not named
 * stays as it is (the Databricks {@code update_mask}).
 * @param scopes the scopes the token keeps; only read when {@code narrowsScopes}
 * @param comment the new comment (null or blank clears it); only read when {@code setsComment}
 */
public record TokenUpdate(boolean narrowsScopes, List<String> scopes, boolean setsComment, String comment) {

    public TokenUpdate {
        if (!narrowsScopes && !setsComment) {
            throw new IllegalArgumentException("an update changes the scopes, the comment or both");
        }
        // a copy that keeps null entries: the scope parser refuses them as bad input, naming the field
        scopes = scopes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(scopes));
    }

    public static TokenUpdate narrowing(Collection<String> scopes) {
        return new TokenUpdate(true, scopes == null ? null : new ArrayList<>(scopes), false, null);
    }
}
