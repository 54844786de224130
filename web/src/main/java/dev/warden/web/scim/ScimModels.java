package dev.warden.web.scim;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.shared.InvalidParameterException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * SCIM bodies spelled exactly as the Databricks SDK reads and writes them (camelCase, {@code Resources} and
 * {@code Operations} capitalised). Requests ignore what Warden does not keep this way ({@code roles}, a user's
 * {@code groups}: roles come from the roles API, memberships from a group's {@code members}); {@code entitlements}
 * are kept.
 */
final class ScimModels {
    private ScimModels() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ComplexValue(
            String value,
            String display,
            @JsonProperty("$ref") String ref,
            String type,
            Boolean primary) {
        static ComplexValue of(String value, String display, String ref) {
            return new ComplexValue(value, display, ref, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Name(String givenName, String familyName) {}

    record Meta(String resourceType) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(
            List<String> schemas,
            String id,
            String userName,
            String displayName,
            Boolean active,
            Name name,
            List<ComplexValue> emails,
            List<ComplexValue> groups,
            List<ComplexValue> roles,
            List<ComplexValue> entitlements,
            String externalId,
            Meta meta) {

        /** The e-mail Warden keeps: the primary one, else the first. */
        String primaryEmail() {
            if (emails == null || emails.isEmpty()) {
                return null;
            }
            for (int i = 0; i < emails.size(); i++) {
                if (emails.get(i) == null || emails.get(i).value() == null) {
                    throw new InvalidParameterException(
                            "emails[" + i + "].value", "Each entry of emails needs a value (the address).");
                }
            }
            return emails.stream()
                    .filter(e -> Boolean.TRUE.equals(e.primary()))
                    .findFirst()
                    .orElse(emails.get(0))
                    .value();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServicePrincipal(
            List<String> schemas,
            String id,
            String applicationId,
            String displayName,
            Boolean active,
            List<ComplexValue> groups,
            List<ComplexValue> roles,
            List<ComplexValue> entitlements,
            String externalId,
            Meta meta) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(
            List<String> schemas,
            String id,
            String displayName,
            List<ComplexValue> members,
            List<ComplexValue> groups,
            List<ComplexValue> roles,
            List<ComplexValue> entitlements,
            String externalId,
            Meta meta) {}

    record ListResponse(
            List<String> schemas,
            long totalResults,
            long startIndex,
            long itemsPerPage,
            @JsonProperty("Resources") List<JsonNode> resources) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PatchRequest(
            List<String> schemas,

            @JsonProperty("Operations") @JsonAlias("operations")
            List<Operation> operations) {}

    /** One PATCH operation: {@code op} add/remove/replace (any case), an optional {@code path}, any JSON value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(String op, String path, JsonNode value) {}
}
