package dev.warden.web.console;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.permission.Scope;
import dev.warden.core.role.BuiltInRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The scope picker of every create-token dialog ({@code fragments/scope-picker :: scope-picker}): the catalogue
 * grouped by resource (the part of the key before {@code :}; {@code all-apis} on its own; a registered service's
 * scopes under its display name, see {@link #withServiceTitles}), each scope with its
 * description, enabled only when the token's owner may hold it. What the owner may hold is decided here, on the
 * server: a personal token's owner by its current roles, an organisation or group token's technical user by the
 * role chosen in the dialog (each scope also lists the roles that grant it, so the page can follow the role radio).
 * Core refuses the rest anyway; this only says so before asking.
 *
 * <p>Presets replace the choice with the enabled scopes of one family, narrowest first:
 * <ul>
 *   <li><b>Read-only</b>: every {@code :read} scope.</li>
 *   <li><b>Read-write</b>: Read-only plus the writes of everyday work, {@code tokens:write} and
 *       {@code scim:write}; writes that administer the workspace (token-management, permissions, settings, roles)
 *       are left to Admin.</li>
 *   <li><b>Admin</b>: every scope of the catalogue by name. Not {@code all-apis}: a list stays what it says when
 *       the catalogue grows, and remains visible on the token; {@code all-apis} is offered on its own.</li>
 * </ul>
 * Each keeps only what the owner may hold, so Admin for a {@code user} is tokens:read, tokens:write, scim:read,
 * roles:read.
 *
 * @param idPrefix prefix of the element ids, unique in the page ({@code token} gives {@code token-scopes} and
 *                 {@code token-scopes-error}, the id of the dialog's error paragraph for the field)
 * @param help the sentence under the legend
 * @param deniedNote what a disabled scope says
 * @param roleDriven whether the enabled scopes follow the dialog's {@code role} radio
 */
public record ScopePickerView(
        String idPrefix, String help, String deniedNote, boolean roleDriven, List<ScopeGroup> groups) {
    public static final String READ_ONLY = "read-only";
    public static final String READ_WRITE = "read-write";
    public static final String ADMIN = "admin";
    /** The writes Read-write adds to Read-only. */
    private static final Set<Permission> EVERYDAY_WRITES = Set.of(Permission.TOKENS_WRITE, Permission.SCIM_WRITE);

    public ScopePickerView {
        groups = List.copyOf(groups);
    }

    /** A preset button: its name (as in {@code data-scope-presets}), its label and what it does. */
    public record Preset(String name, String label, String description) {}

    /**
     * One resource's scopes, in catalogue order; rendered as a fieldset with the title as legend.
     * @param service the registered service whose scopes these are; null for Warden's own and {@code all-apis}
     * @param title the legend: the resource, or the service's display name ({@link #withServiceTitles})
     */
    public record ScopeGroup(String resource, String service, String title, List<ScopeOption> options) {
        public ScopeGroup {
            options = List.copyOf(options);
        }
    }

    /**
     * The same picker with each registered service's group titled by its display name.
     * @param displayNames each service's display name by its name ({@code ServiceRegistry.displayNames})
     */
    public ScopePickerView withServiceTitles(Map<String, String> displayNames) {
        return new ScopePickerView(
                idPrefix,
                help,
                deniedNote,
                roleDriven,
                groups.stream()
                        .map(g -> g.service() == null
                                ? g
                                : new ScopeGroup(
                                        g.resource(),
                                        g.service(),
                                        displayNames.getOrDefault(g.service(), g.title()),
                                        g.options()))
                        .toList());
    }

    /**
     * One checkbox.
     * @param presets the presets that tick it (space-separated), when the owner may hold it
     * @param grantedBy for a role-driven picker, the roles that grant it (space-separated); empty otherwise
     */
    public record ScopeOption(
            String key, String description, boolean grantable, boolean checked, String presets, String grantedBy) {
        /** The key as an id part: {@code token-management:read} → {@code token-management-read}. */
        public String idPart() {
            return key.replace(':', '-');
        }
    }

    public static final List<Preset> PRESETS = List.of(
            new Preset(READ_ONLY, "Read-only", "Every :read scope the owner may hold"),
            new Preset(
                    READ_WRITE,
                    "Read-write",
                    "Read-only plus tokens:write and scim:write, where the owner may hold them"),
            new Preset(ADMIN, "Admin", "Every scope the owner may hold, by name (not all-apis)"));

    public List<Preset> presets() {
        return PRESETS;
    }

    /**
     * For a personal token: the owner may hold what its roles grant now.
     * @param grantable the owner's permissions (core's {@code TokenIssueTerms.grantable()})
     * @param chosen the scope keys ticked (what the form sent); a scope the owner may not hold is never ticked
     */
    public static ScopePickerView forOwner(
            String idPrefix, PermissionCatalogue catalogue, Set<Permission> grantable, Collection<String> chosen) {
        return new ScopePickerView(
                idPrefix,
                "Choose only what the token needs. A scope never grants more than your roles.",
                "your roles don't grant this",
                false,
                groups(catalogue, grantable::contains, p -> "", chosen, List.of()));
    }

    /**
     * For an organisation or group token: the technical user may hold what the chosen role grants.
     * @param roles the roles the dialog offers
     * @param chosenRole the role chosen now (the form's); an unknown one grants nothing
     */
    public static ScopePickerView forRoles(
            String idPrefix,
            PermissionCatalogue catalogue,
            List<BuiltInRole> roles,
            String chosenRole,
            Collection<String> chosen) {
        Set<Permission> granted = roles.stream()
                .filter(role -> role.roleName().equals(chosenRole == null ? "" : chosenRole.strip()))
                .findFirst()
                .map(BuiltInRole::permissions)
                .orElse(Set.of());
        return new ScopePickerView(
                idPrefix,
                "Choose only what the token needs. A scope never grants more than the role below.",
                "the chosen role doesn't grant this",
                true,
                groups(
                        catalogue,
                        granted::contains,
                        permission -> String.join(
                                " ",
                                roles.stream()
                                        .filter(r -> r.permissions().contains(permission))
                                        .map(BuiltInRole::roleName)
                                        .toList()),
                        chosen,
                        roles));
    }

    /** The id of the dialog's error paragraph for the field, which the fieldset names as its description. */
    public String errorId() {
        return idPrefix + "-scopes-error";
    }

    private static List<ScopeGroup> groups(
            PermissionCatalogue catalogue,
            Predicate<Permission> grants,
            Function<Permission, String> grantedBy,
            Collection<String> chosen,
            List<BuiltInRole> roles) {
        Collection<String> ticked = chosen == null ? List.of() : chosen;
        Map<String, List<ScopeOption>> byResource = new LinkedHashMap<>();
        Map<String, String> serviceOf = new LinkedHashMap<>();
        for (Scope scope : catalogue.scopes()) {
            ScopeOption option;
            if (scope.equals(Scope.ALL_APIS)) {
                // Never beyond the owner's roles by definition, so any owner may hold it.
                option = new ScopeOption(
                        scope.key(),
                        catalogue.describe(scope),
                        true,
                        ticked.contains(scope.key()),
                        "",
                        String.join(
                                " ", roles.stream().map(BuiltInRole::roleName).toList()));
            } else {
                Permission permission = catalogue.find(scope.key()).orElseThrow();
                boolean grantable = grants.test(permission);
                option = new ScopeOption(
                        scope.key(),
                        permission.description(),
                        grantable,
                        grantable && ticked.contains(scope.key()),
                        presetsOf(permission),
                        grantedBy.apply(permission));
                permission.service().ifPresent(service -> serviceOf.put(resourceOf(scope), service));
            }
            byResource
                    .computeIfAbsent(resourceOf(scope), r -> new ArrayList<>())
                    .add(option);
        }
        return byResource.entrySet().stream()
                .map(e -> new ScopeGroup(e.getKey(), serviceOf.get(e.getKey()), e.getKey(), e.getValue()))
                .toList();
    }

    private static String resourceOf(Scope scope) {
        int colon = scope.key().indexOf(':');
        return colon < 0 ? scope.key() : scope.key().substring(0, colon);
    }

    /** Presets are families of Warden's own scopes; a registered service's scopes are chosen one by one. */
    private static String presetsOf(Permission permission) {
        if (permission.service().isPresent()) {
            return "";
        }
        List<String> presets = new ArrayList<>();
        boolean read = permission.key().endsWith(":read");
        if (read) {
            presets.add(READ_ONLY);
        }
        if (read || EVERYDAY_WRITES.contains(permission)) {
            presets.add(READ_WRITE);
        }
        presets.add(ADMIN);
        return String.join(" ", presets);
    }
}
