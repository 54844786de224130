package dev.warden.web.console;

import dev.warden.core.permission.Permission;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Admin Console's tabs, in order, each shown only to principals who may use it; each has a page of its own.
 */
public enum AdminTab {
    USERS("users", "Users", Permission.SCIM_READ, Abilities::readDirectory),
    GROUPS("groups", "Groups", Permission.SCIM_READ, Abilities::readGroups),
    SERVICE_PRINCIPALS("service-principals", "Service principals", Permission.SCIM_READ, Abilities::readDirectory),
    ROLES("roles", "Roles", Permission.ROLES_READ, Abilities::readRoles),
    SERVICES("services", "Services", Permission.SERVICES_READ, Abilities::readServices),
    WORKSPACE("workspace", "Workspace settings", Permission.SETTINGS_READ, a -> a.holds(Permission.SETTINGS_READ)),
    TOKENS("tokens", "Access tokens", Permission.TOKEN_MANAGEMENT_READ, Abilities::readTokens),
    AUDIT("audit", "Audit log", Permission.AUDIT_READ, a -> a.holds(Permission.AUDIT_READ));

    private final String slug;
    private final String title;
    /** The permission the tab's page needs (for the workspace; the Groups tab also for some group). */
    private final Permission permission;

    private final Predicate<Abilities> visible;

    AdminTab(String slug, String title, Permission permission, Predicate<Abilities> visible) {
        this.slug = slug;
        this.title = title;
        this.permission = permission;
        this.visible = visible;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Permission permission() {
        return permission;
    }

    public String href() {
        return "/settings/admin/" + slug;
    }

    public boolean visibleTo(Abilities abilities) {
        return visible.test(abilities);
    }

    public static List<AdminTab> visibleTabs(Abilities abilities) {
        return Arrays.stream(values()).filter(tab -> tab.visibleTo(abilities)).toList();
    }

    public static Optional<AdminTab> bySlug(String slug) {
        return Arrays.stream(values()).filter(tab -> tab.slug.equals(slug)).findFirst();
    }
}
