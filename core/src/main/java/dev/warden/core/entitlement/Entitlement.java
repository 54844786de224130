package dev.warden.core.entitlement;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Databricks workspace entitlements, as SCIM's {@code entitlements} values name them. Warden stores all of them,
 * so that tools which manage entitlements (Terraform, the SDK) see back what they set; only
 * {@link #WORKSPACE_ACCESS} means anything in Warden: it lets a user sign in to the console.
 */
public enum Entitlement {
    WORKSPACE_ACCESS("workspace-access"),
    DATABRICKS_SQL_ACCESS("databricks-sql-access"),
    ALLOW_CLUSTER_CREATE("allow-cluster-create"),
    ALLOW_INSTANCE_POOL_CREATE("allow-instance-pool-create"),
    WORKSPACE_CONSUME("workspace-consume");

    public static final String FIELD = "entitlements";

    private final String value;

    Entitlement(String value) {
        this.value = value;
    }

    /** As SCIM spells it: {@code workspace-access}. */
    public String value() {
        return value;
    }

    /**
     * The entitlements these values name (any case, surrounding spaces ignored, repeats once); an unknown or empty
     * value is refused naming {@code field} and listing the known ones.
     */
    public static Set<Entitlement> parseAll(Collection<String> values, String field) {
        Set<Entitlement> parsed = EnumSet.noneOf(Entitlement.class);
        for (String raw : values) {
            parsed.add(parse(raw, field));
        }
        return parsed;
    }

    public static Entitlement parse(String raw, String field) {
        if (raw != null) {
            for (Entitlement entitlement : values()) {
                if (entitlement.value.equalsIgnoreCase(raw.strip())) {
                    return entitlement;
                }
            }
        }
        throw new InvalidParameterException(
                field,
                "Unknown entitlement " + Validation.echo(raw) + "; the entitlements are "
                        + Arrays.stream(values()).map(Entitlement::value).collect(Collectors.joining(", ")) + ".");
    }

    /** "workspace-access, databricks-sql-access", or "none": what an audit record shows. */
    public static String describe(Set<Entitlement> entitlements) {
        return entitlements.isEmpty()
                ? "none"
                : entitlements.stream().sorted().map(Entitlement::value).collect(Collectors.joining(", "));
    }
}
