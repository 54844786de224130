package dev.warden.core.token;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleGrantRules;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Organisation and group tokens. Creating one creates a technical user that holds the chosen role (workspace-wide
 * for an organisation token, on one group for a group token) and owns the token; deleting the token deletes the
 * technical user. Workspace admins manage organisation tokens; a group's admins manage its group tokens. Nobody
 * hands a technical user a role with permissions they do not hold themselves.
 */
public final class TechnicalTokenService {
    public static final String ROLE_FIELD = "role";
    private static final Set<BuiltInRole> ORGANISATION_ROLES = Set.of(BuiltInRole.WORKSPACE_ADMIN, BuiltInRole.USER);
    private static final Set<BuiltInRole> GROUP_ROLES = Set.of(BuiltInRole.GROUP_ADMIN, BuiltInRole.GROUP_MEMBER);

    private final TokenService tokenService;
    private final RoleGrantRules directoryPolicy;
    private final TokenRepository tokens;
    private final PrincipalRepository principals;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public TechnicalTokenService(
            TokenService tokenService,
            RoleGrantRules directoryPolicy,
            TokenRepository tokens,
            PrincipalRepository principals,
            GroupRepository groups,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.tokenService = tokenService;
        this.directoryPolicy = directoryPolicy;
        this.tokens = tokens;
        this.principals = principals;
        this.groups = groups;
        this.roles = roles;
        this.assignments = assignments;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    /** The roles an organisation or group token's technical user may hold, the narrower one first. */
    public static List<BuiltInRole> rolesFor(TokenKind kind) {
        return switch (kind) {
            case ORGANISATION -> List.of(BuiltInRole.USER, BuiltInRole.WORKSPACE_ADMIN);
            case GROUP -> List.of(BuiltInRole.GROUP_MEMBER, BuiltInRole.GROUP_ADMIN);
            default -> List.of();
        };
    }

    /** A workspace-level token owned by a new technical user holding {@code workspace-admin} or {@code user}. */
    public IssuedToken createOrganisationToken(Actor actor, CreateTokenCommand command, String roleName) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        BuiltInRole role = chosen(roleName, ORGANISATION_ROLES);
        requireHolds(actor, role, null);
        return tx.inTransaction(() ->
                create(actor, TokenKind.ORGANISATION, null, command, role, displayName(command, "Organisation token")));
    }

    /** A token of one group, owned by a new technical user holding {@code group-admin} or {@code group-member} on it. */
    public IssuedToken createGroupToken(Actor actor, GroupId groupId, CreateTokenCommand command, String roleName) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE, groupId);
        BuiltInRole role = chosen(roleName, GROUP_ROLES);
        return tx.inTransaction(() -> {
            Group group = group(actor, groupId);
            requireHolds(actor, role, group.id());
            return create(
                    actor,
                    TokenKind.GROUP,
                    group.id(),
                    command,
                    role,
                    displayName(command, "Group token of " + group.displayName()));
        });
    }

    /** Newest first, at most {@link TokenManagementService#MAX_PAGE}. */
    public List<TechnicalToken> organisationTokens(Actor actor) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        return described(
                actor,
                tokens.search(
                        actor.workspace(),
                        TokenFilter.ofKind(TokenKind.ORGANISATION, now()),
                        null,
                        TokenManagementService.MAX_PAGE));
    }

    /** Newest first, at most {@link TokenManagementService#MAX_PAGE}. */
    public List<TechnicalToken> groupTokens(Actor actor, GroupId groupId) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ, groupId);
        group(actor, groupId);
        return described(
                actor,
                tokens.search(
                        actor.workspace(), TokenFilter.ofGroup(groupId, now()), null, TokenManagementService.MAX_PAGE));
    }

    /** Whether the actor may do this to the organisation or group token (the console shows only what works). */
    public boolean allows(Actor actor, TokenAction action, AccessToken token) {
        TokenTarget target = token.kind() == TokenKind.GROUP
                ? TokenTarget.ofGroup(token.group(), token.id())
                : TokenTarget.ofOrganisation(token.id());
        return tokenService.allows(actor, action, token, target);
    }

    /** One organisation token; any other id (a group token, a personal token) answers as unknown. */
    public TechnicalToken get(Actor actor, TokenId id) {
        return describe(actor, tokenService.get(actor, TokenTarget.ofOrganisation(id)));
    }

    public TechnicalToken revoke(Actor actor, TokenId id) {
        return describe(actor, tokenService.revoke(actor, TokenTarget.ofOrganisation(id)));
    }

    public TechnicalToken restore(Actor actor, TokenId id) {
        return describe(actor, tokenService.restore(actor, TokenTarget.ofOrganisation(id)));
    }

    /** A new secret for an organisation token; see {@link TokenService#rotate}. */
    public IssuedToken rotate(Actor actor, TokenId id, Duration grace) {
        return tokenService.rotate(actor, TokenTarget.ofOrganisation(id), grace);
    }

    /** Permanent: the organisation token and its technical user. */
    public void delete(Actor actor, TokenId id) {
        tokenService.delete(actor, TokenTarget.ofOrganisation(id));
    }

    /** One token of this group; any other id (another group's token, an organisation token) answers as unknown. */
    public TechnicalToken get(Actor actor, GroupId group, TokenId id) {
        return describe(actor, tokenService.get(actor, TokenTarget.ofGroup(group, id)));
    }

    public TechnicalToken revoke(Actor actor, GroupId group, TokenId id) {
        return describe(actor, tokenService.revoke(actor, TokenTarget.ofGroup(group, id)));
    }

    public TechnicalToken restore(Actor actor, GroupId group, TokenId id) {
        return describe(actor, tokenService.restore(actor, TokenTarget.ofGroup(group, id)));
    }

    /** A new secret for a token of this group; see {@link TokenService#rotate}. */
    public IssuedToken rotate(Actor actor, GroupId group, TokenId id, Duration grace) {
        return tokenService.rotate(actor, TokenTarget.ofGroup(group, id), grace);
    }

    /** Permanent: the group's token and its technical user. */
    public void delete(Actor actor, GroupId group, TokenId id) {
        tokenService.delete(actor, TokenTarget.ofGroup(group, id));
    }

    private IssuedToken create(
            Actor actor,
            TokenKind kind,
            GroupId group,
            CreateTokenCommand command,
            BuiltInRole role,
            String displayName) {
        Role stored = roles.findByName(actor.workspace(), role.roleName())
                .orElseThrow(() ->
                        new InvalidStateException("Role '" + role.roleName() + "' is missing from this workspace."));
        versions.bump(actor.workspace()); // a new principal with a role
        Principal technical = principals.save(Principal.newTechnicalUser(actor.workspace(), displayName));
        RoleAssignment assignment =
                assignments.add(RoleAssignment.toPrincipal(actor.workspace(), stored.id(), technical.id(), group));
        Instant now = now();
        audit.record(AuditEvent.by(actor, AuditAction.PRINCIPAL_CREATED, now)
                .target("principal", String.valueOf(technical.id()))
                .detail("kind", technical.kind())
                .detail("after", technical.displayName())
                .detail("role", role.roleName())
                .build());
        audit.record(AuditEvent.by(actor, AuditAction.ROLE_ASSIGNED, now)
                .target("role", String.valueOf(stored.id()))
                .detail("role", stored.name())
                .detail("assignment_id", assignment.id())
                .detail("principal_id", technical.id())
                .detail("scope", group == null ? "workspace" : "group " + group)
                .build());
        return tokenService.issue(actor, actor.workspace(), technical.id(), technical.name(), kind, group, command);
    }

    private Group group(Actor actor, GroupId id) {
        return groups.findById(actor.workspace(), id)
                .orElseThrow(() -> new ResourceNotFoundException("Group " + id + " does not exist."));
    }

    private static BuiltInRole chosen(String roleName, Set<BuiltInRole> allowed) {
        List<String> names =
                allowed.stream().map(BuiltInRole::roleName).sorted().toList();
        return BuiltInRole.named(roleName == null ? "" : roleName.strip())
                .filter(allowed::contains)
                .orElseThrow(() -> new InvalidParameterException(
                        ROLE_FIELD,
                        "role must be one of " + String.join(", ", names) + "; got " + Validation.echo(roleName)
                                + "."));
    }

    /** No escalation through a technical user: the creator holds every permission the role would grant it. */
    private void requireHolds(Actor actor, BuiltInRole role, GroupId group) {
        directoryPolicy.requireMayGrant(actor, role.roleName(), role.permissions(), group);
    }

    private List<TechnicalToken> described(Actor actor, List<AccessToken> found) {
        return found.stream().map(token -> describe(actor, token)).toList();
    }

    private TechnicalToken describe(Actor actor, AccessToken token) {
        Principal owner = principals
                .findById(actor.workspace(), token.owner())
                .orElseThrow(
                        () -> new InvalidStateException("The technical user of token " + token.id() + " is missing."));
        Optional<String> role = assignments.forAssignees(actor.workspace(), owner.id(), List.of()).stream()
                .findFirst()
                .flatMap(assignment -> roles.findById(actor.workspace(), assignment.role()))
                .map(Role::name);
        return new TechnicalToken(token, owner, role.orElse(null));
    }

    private static String displayName(CreateTokenCommand command, String fallback) {
        // checked here as well as when the token is issued: the technical user is named before that
        String name = Validation.optional(
                command.comment(), CreateTokenCommand.COMMENT_FIELD, CreateTokenCommand.MAX_COMMENT_LENGTH);
        return name == null || name.isEmpty() ? fallback : name;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
