package dev.warden.web.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenUpdate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code PATCH /api/2.0/token/{id}} and {@code PATCH /api/2.0/token-management/tokens/{id}}, in either
 * of two shapes: Warden's own {@code {"scopes": […]}} (narrows the scopes), or the Databricks SDK's
 * {@code {"token": {…}, "update_mask": "scopes,comment"}} (changes the fields the mask names, read from
 * {@code token}; every other field of {@code token} is ignored, as a field mask means).
 */
record TokenUpdateRequest(
        List<String> scopes,
        TokenFields token,
        @JsonProperty("update_mask") String updateMask) {

    static final String MASK_FIELD = "update_mask";
    private static final Set<String> UPDATABLE = Set.of("scopes", "comment");

    /** The part of a PublicTokenInfo or TokenInfo an update reads; the rest of it (times, owner, …) is ignored. */
    record TokenFields(@JsonProperty("token_id") String tokenId, String comment, List<String> scopes) {}

    /** True for the Databricks shape, which the token-management endpoint answers with a bare TokenInfo. */
    boolean fieldMaskShape() {
        return token != null || updateMask != null;
    }

    /** The change this body asks for, checked against the token of the path. */
    TokenUpdate toUpdate(String pathTokenId) {
        if (!fieldMaskShape()) {
            return TokenUpdate.narrowing(scopes);
        }
        // each part is checked where it is, so that a 400 names the field that is wrong
        Set<String> fields = updateMask == null ? null : maskFields();
        if (token != null) {
            if (token.tokenId() != null && !token.tokenId().strip().equals(pathTokenId)) {
                throw new InvalidParameterException(
                        "token.token_id",
                        "token.token_id " + Validation.echo(token.tokenId()) + " is not the token of the path ("
                                + Validation.echo(pathTokenId) + "); leave it out or make them the same.");
            }
            Validation.optional(token.comment(), "token.comment", CreateTokenCommand.MAX_COMMENT_LENGTH);
        }
        if (scopes != null) {
            throw new InvalidParameterException(
                    "token",
                    "Send either {\"scopes\": […]} or {\"token\": {…}, \"update_mask\": \"…\"}, not both: with"
                            + " update_mask the new scopes go in token.scopes.");
        }
        if (fields == null) {
            throw new InvalidParameterException(
                    MASK_FIELD,
                    "update_mask is required with token: the fields to change, comma-separated: scopes, comment.");
        }
        if (token == null) {
            throw new InvalidParameterException(
                    "token",
                    "token is required with update_mask: the token's new " + String.join(" and ", fields) + ".");
        }
        boolean narrows = fields.contains("scopes");
        if (narrows && (token.scopes() == null || token.scopes().isEmpty())) {
            throw new InvalidParameterException(
                    "token.scopes",
                    "update_mask names scopes, so token.scopes must list the scopes the token keeps (at least one;"
                            + " to stop the token, revoke or delete it).");
        }
        return new TokenUpdate(narrows, token.scopes(), fields.contains("comment"), token.comment());
    }

    /** "scopes", "comment" or "scopes,comment" (any order, spaces allowed); anything else names update_mask. */
    private Set<String> maskFields() {
        if (updateMask.isBlank()) {
            throw new InvalidParameterException(
                    MASK_FIELD,
                    "update_mask is required with token: the fields to change, comma-separated: scopes, comment.");
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String part : updateMask.split(",", -1)) {
            String field = part.strip();
            if (!UPDATABLE.contains(field)) {
                throw new InvalidParameterException(
                        MASK_FIELD,
                        (field.isEmpty()
                                        ? "update_mask has an empty entry"
                                        : "update_mask names " + Validation.echo(field))
                                + ", which cannot be updated. A token's updatable fields are scopes (narrowed, never"
                                + " widened) and comment, e.g. \"update_mask\": \"scopes,comment\".");
            }
            fields.add(field);
        }
        return fields;
    }
}
