package dev.warden.core.notice;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who hears of a token that will expire: its owner; the creator of an on-behalf-of token (an admin who made it for a
 * service principal, which reads no mail); the group admins of a group token's group; the workspace admins for an
 * organisation token; and the workspace's extra addresses. Organisation and group tokens are owned by a technical
 * user, which has no address and is not counted as skipped. A person without an e-mail address is skipped and counted.
 */
public final class NoticeRecipients {
    /** The addresses (lower-cased, each once) and how many people named by the rules had no address. */
    public record Resolved(List<String> addresses, int skipped, String ownerName) {}

    private final PrincipalRepository principals;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final GroupRepository groups;

    public NoticeRecipients(
            PrincipalRepository principals,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            GroupRepository groups) {
        this.principals = principals;
        this.roles = roles;
        this.assignments = assignments;
        this.groups = groups;
    }

    public Resolved of(ExpiringToken token, NoticeSettings settings) {
        return of(token, settings, false);
    }

    /**
     * As {@link #of(ExpiringToken, NoticeSettings)}; {@code alert}: an alert (a leaked token, a canary used), which
     * reaches the workspace admins too and follows every recipient rule whatever the settings switched off.
     */
    public Resolved of(ExpiringToken token, NoticeSettings settings, boolean alert) {
        WorkspaceId workspace = token.workspace();
        Predicate<NoticeRecipient> tells = alert ? rule -> true : settings::tells;
        Set<PrincipalId> people = new LinkedHashSet<>();
        if (alert) {
            people.addAll(holders(workspace, BuiltInRole.WORKSPACE_ADMIN, null));
        }
        if (tells.test(NoticeRecipient.OWNER)) {
            people.add(token.owner());
        }
        switch (token.kind()) {
            case ON_BEHALF_OF -> {
                if (tells.test(NoticeRecipient.ON_BEHALF_OF_CREATOR)) {
                    people.add(token.createdBy());
                }
            }
            case GROUP -> {
                if (tells.test(NoticeRecipient.GROUP_ADMINS)) {
                    people.addAll(holders(workspace, BuiltInRole.GROUP_ADMIN, token.group()));
                }
            }
            case ORGANISATION -> {
                if (tells.test(NoticeRecipient.WORKSPACE_ADMINS)) {
                    people.addAll(holders(workspace, BuiltInRole.WORKSPACE_ADMIN, null));
                }
            }
            default -> {}
        }
        Set<PrincipalId> lookedUp = new LinkedHashSet<>(people);
        lookedUp.add(token.owner()); // for its name in the text, told or not
        Set<String> addresses = new LinkedHashSet<>();
        int skipped = 0;
        String ownerName = token.owner().toString();
        for (Principal person : principals.findAllById(workspace, lookedUp)) {
            if (person.id().equals(token.owner())) {
                ownerName = person.label();
            }
            if (!people.contains(person.id())) {
                continue;
            }
            if (person.kind() == PrincipalKind.TECHNICAL_USER) {
                continue; // the stand-in owner of an organisation or group token: nobody to tell
            }
            if (!person.active()) {
                continue;
            }
            if (person.email() == null || person.email().isBlank()) {
                skipped++;
            } else {
                addresses.add(person.email().strip().toLowerCase(Locale.ROOT));
            }
        }
        settings.extraAddresses().forEach(a -> addresses.add(a.toLowerCase(Locale.ROOT)));
        return new Resolved(List.copyOf(addresses), skipped, ownerName);
    }

    /**
     * Holders of a built-in role at workspace scope ({@code scope} null) or on one group, directly or through a group
     * they belong to.
     */
    private List<PrincipalId> holders(WorkspaceId workspace, BuiltInRole role, GroupId scope) {
        List<PrincipalId> found = new ArrayList<>();
        roles.findByName(workspace, role.roleName()).ifPresent(r -> {
            for (RoleAssignment a : assignments.forRole(workspace, r.id())) {
                if (!Objects.equals(a.scopeGroup(), scope)) {
                    continue;
                }
                if (a.principal() != null) {
                    found.add(a.principal());
                } else {
                    found.addAll(groups.members(workspace, a.group()));
                }
            }
        });
        return found;
    }
}
