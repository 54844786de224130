package dev.warden.core.group;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Groups and their members. Creating, renaming and deleting a group needs {@code scim:write} at workspace scope;
 * changing its members needs it for that group, which a {@code group-admin} of the group holds. A principal
 * without workspace-wide {@code scim:read} sees only the groups it holds permissions on.
 */
public final class GroupService {
    private static final int NAME_MAX = 255;

    private final GroupRepository groups;
    private final PrincipalRepository principals;
    private final GroupTokens tokens;
    private final GroupRules rules;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public GroupService(
            GroupRepository groups,
            PrincipalRepository principals,
            GroupTokens tokens,
            GroupRules rules,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.groups = groups;
        this.principals = principals;
        this.tokens = tokens;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    public Group get(Actor actor, GroupId id) {
        rules.requireToRead(actor, id);
        return find(actor, id);
    }

    /**
     * The groups the actor may read that match the query. With workspace-wide {@code scim:read} the store filters,
     * sorts and pages; a group admin or member sees only the groups its group-scoped roles name, a bounded list that
     * is filtered, sorted and paged here with the same rules.
     */
    public Page<Group> search(Actor actor, GroupQuery query, PageRequest page) {
        GroupQuery wanted = query == null ? GroupQuery.ALL : query;
        if (rules.readsAllGroups(actor)) {
            return groups.search(actor.workspace(), wanted, page);
        }
        List<Group> visible = rules.readableGroups(actor).stream()
                .filter(wanted::matches)
                .sorted(wanted.order())
                .toList();
        int from = Math.min(page.offset(), visible.size());
        int to = Math.min(from + page.limit(), visible.size());
        return new Page<>(visible.subList(from, to), visible.size(), page);
    }

    public List<Principal> members(Actor actor, GroupId id) {
        rules.requireToRead(actor, id);
        find(actor, id);
        return principals.findAllById(actor.workspace(), groups.members(actor.workspace(), id)).stream()
                .sorted(Comparator.comparing(Principal::displayName).thenComparing(p -> p.id().value()))
                .toList();
    }

    /**
     * Users and service principals whose names contain {@code text}, for the "add member" search of one group.
     * Allowed to whoever may change that group's members (its group admins too, who cannot read the whole
     * directory otherwise); at most {@code limit} of each kind.
     */
    public List<Principal> memberCandidates(Actor actor, GroupId id, String text, int limit) {
        rules.requireToWrite(actor, id);
        find(actor, id);
        PrincipalQuery query = PrincipalQuery.containing(text);
        List<Principal> found = new ArrayList<>();
        for (PrincipalKind kind : List.of(PrincipalKind.USER, PrincipalKind.SERVICE_PRINCIPAL)) {
            found.addAll(principals
                    .search(actor.workspace(), kind, query, PageRequest.first(limit))
                    .items());
        }
        return found;
    }

    /** The groups a principal is in (for its detail page and SCIM {@code groups}). */
    public List<Group> groupsOf(Actor actor, PrincipalId principal) {
        rules.requireToRead(actor, null);
        return groups.groupsOf(actor.workspace(), principal);
    }

    public Group create(Actor actor, String displayName, String externalId, Collection<PrincipalId> members) {
        rules.requireToWrite(actor, null);
        String name = Validation.required(displayName, "displayName", NAME_MAX);
        String external = Validation.optional(externalId, "externalId", NAME_MAX);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            requireFreeName(actor, name, null);
            Group group = groups.save(new Group(null, actor.workspace(), name, external));
            Set<PrincipalId> added = addAll(actor, group, members);
            audit.record(event(actor, AuditAction.GROUP_CREATED, group)
                    .detail("after", name)
                    .detail("members", ids(added))
                    .build());
            return group;
        });
    }

    /**
     * Replaces name and, when {@code members} is not null, the member list (SCIM PUT, or PATCH once applied).
     * Renaming needs workspace {@code scim:write}; a member change alone is allowed to the group's admins.
     */
    public Group replace(
            Actor actor, GroupId id, String displayName, String externalId, Collection<PrincipalId> members) {
        String name = Validation.required(displayName, "displayName", NAME_MAX);
        String external = Validation.optional(externalId, "externalId", NAME_MAX);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Group before = findForWrite(actor, id);
            Group after = before;
            if (!name.equals(before.displayName()) || !java.util.Objects.equals(external, before.externalId())) {
                rules.requireToWrite(actor, null);
                requireFreeName(actor, name, id);
                after = groups.save(before.renamed(name, external));
                audit.record(event(actor, AuditAction.GROUP_UPDATED, after)
                        .detail("before", before.displayName())
                        .detail("after", after.displayName())
                        .build());
            }
            if (members != null) {
                Set<PrincipalId> wanted = new LinkedHashSet<>(members);
                Set<PrincipalId> current = new LinkedHashSet<>(groups.members(actor.workspace(), id));
                removeAll(
                        actor,
                        after,
                        current.stream().filter(m -> !wanted.contains(m)).toList());
                addAll(
                        actor,
                        after,
                        wanted.stream().filter(m -> !current.contains(m)).toList());
            }
            return after;
        });
    }

    public void addMembers(Actor actor, GroupId id, Collection<PrincipalId> members) {
        tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Group group = findForWrite(actor, id);
            addAll(actor, group, members);
        });
    }

    public void removeMembers(Actor actor, GroupId id, Collection<PrincipalId> members) {
        tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Group group = findForWrite(actor, id);
            removeAll(actor, group, members);
        });
    }

    /**
     * Deletes the group, its memberships, the roles given to it or on it, and its group tokens with their technical
     * users; returns how many members it had.
     */
    public int delete(Actor actor, GroupId id) {
        rules.requireToWrite(actor, null);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Group group = find(actor, id);
            int memberCount = groups.members(actor.workspace(), id).size();
            List<GroupTokens.GroupToken> groupTokens = tokens.tokensOfGroup(actor.workspace(), id, clock.instant());
            groupTokens.forEach(token -> principals.delete(actor.workspace(), token.owner()));
            rules.keepingAnAdmin(
                    actor.workspace(),
                    "deleting group " + group.displayName(),
                    () -> groups.delete(actor.workspace(), id));
            audit.record(event(actor, AuditAction.GROUP_DELETED, group)
                    .detail("before", group.displayName())
                    .detail("members", memberCount)
                    .detail(
                            "group_tokens_deleted",
                            groupTokens.isEmpty()
                                    ? null
                                    : groupTokens.stream()
                                            .map(GroupTokens.GroupToken::id)
                                            .toList())
                    .build());
            return memberCount;
        });
    }

    private Set<PrincipalId> addAll(Actor actor, Group group, Collection<PrincipalId> members) {
        Set<PrincipalId> added = new LinkedHashSet<>();
        if (members == null || members.isEmpty()) {
            return added;
        }
        rules.requireMayAddMembers(actor, group, members);
        Set<PrincipalId> wanted = new LinkedHashSet<>(members);
        List<Principal> found = principals.findAllById(actor.workspace(), wanted);
        Set<PrincipalId> known = found.stream()
                .filter(p -> p.kind() != PrincipalKind.TECHNICAL_USER)
                .map(Principal::id)
                .collect(Collectors.toSet());
        List<PrincipalId> unknown =
                wanted.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(
                    "members",
                    "Unknown member id" + (unknown.size() > 1 ? "s " : " ") + ids(unknown)
                            + ": members are ids of users or service principals of this workspace.");
        }
        for (PrincipalId member : wanted) {
            if (groups.addMember(actor.workspace(), group.id(), member)) {
                added.add(member);
                audit.record(event(actor, AuditAction.GROUP_MEMBER_ADDED, group)
                        .detail("member", member)
                        .build());
            }
        }
        return added;
    }

    private void removeAll(Actor actor, Group group, Collection<PrincipalId> members) {
        rules.keepingAnAdmin(actor.workspace(), "removing members from " + group.displayName(), () -> {
            for (PrincipalId member : new LinkedHashSet<>(members)) {
                if (groups.removeMember(actor.workspace(), group.id(), member)) {
                    audit.record(event(actor, AuditAction.GROUP_MEMBER_REMOVED, group)
                            .detail("member", member)
                            .build());
                }
            }
        });
    }

    private Group findForWrite(Actor actor, GroupId id) {
        rules.requireToWrite(actor, id);
        return find(actor, id);
    }

    private Group find(Actor actor, GroupId id) {
        return groups.findById(actor.workspace(), id)
                .orElseThrow(() -> new ResourceNotFoundException("Group " + id + " does not exist."));
    }

    private void requireFreeName(Actor actor, String name, GroupId self) {
        groups.findByDisplayName(actor.workspace(), name)
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw new ResourceAlreadyExistsException(
                            "A group named " + Validation.echo(name) + " already exists.");
                });
    }

    private AuditEvent.Builder event(Actor actor, AuditAction action, Group group) {
        return AuditEvent.by(actor, action, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .target("group", String.valueOf(group.id()));
    }

    private static String ids(Collection<PrincipalId> ids) {
        return ids.stream().map(PrincipalId::toString).collect(Collectors.joining(", "));
    }
}
