package dev.warden.core.directory;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.ConsolePassword;
import dev.warden.core.principal.PasswordHasher;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.workspace.AuthorizationVersions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Console passwords after a user exists: the user changes its own (knowing the current one), a workspace admin
 * resets somebody else's. Each change commits with its audit record, which never holds a password or a hash.
 */
public final class PasswordService {
    public static final String CURRENT_FIELD = "currentPassword";
    public static final String NEW_FIELD = "newPassword";

    private final PrincipalRepository principals;
    private final PasswordHasher hasher;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public PasswordService(
            PrincipalRepository principals,
            PasswordHasher hasher,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.principals = principals;
        this.hasher = hasher;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * The signed-in user sets a new password, proving it knows the current one (so a session left open is not enough
     * to take the account over). A wrong current password is 400 naming {@value #CURRENT_FIELD}; a new password that
     * {@link ConsolePassword} refuses, or that equals the current one, names {@value #NEW_FIELD}.
     */
    public Principal change(Actor actor, String currentPassword, String newPassword) {
        // bcrypt is slow on purpose: check and hash before the transaction, so no connection waits on it.
        Principal user = principals
                .findById(actor.workspace(), actor.principal())
                .filter(p -> p.kind() == PrincipalKind.USER && p.passwordHash() != null)
                .orElseThrow(() -> new InvalidStateException(actor.name()
                        + " has no console password to change: only users who sign in to the console have one."));
        if (currentPassword == null || !hasher.matches(currentPassword, user.passwordHash())) {
            throw new InvalidParameterException(CURRENT_FIELD, "The current password is not right.");
        }
        ConsolePassword.require(newPassword, NEW_FIELD);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidParameterException(NEW_FIELD, "Choose a new password that differs from the current one.");
        }
        String hash = hasher.hash(newPassword);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal before = principals
                    .findById(actor.workspace(), actor.principal())
                    .orElseThrow(() -> new ResourceNotFoundException("User " + actor.principal() + " does not exist."));
            if (!user.passwordHash().equals(before.passwordHash())) {
                throw new InvalidStateException("The password was changed meanwhile; sign in again and retry.");
            }
            Principal saved = principals.save(before.withPasswordHash(hash));
            audit.record(AuditEvent.by(actor, AuditAction.PASSWORD_CHANGED, now())
                    .target("user", String.valueOf(saved.id()))
                    .build());
            return saved;
        });
    }

    /**
     * A workspace admin sets another user's console password (a user created over SCIM gets its first one this way).
     * Only a workspace admin: whoever chooses a password can sign in as that user and do all it may, so the rule
     * "nobody receives what they do not hold" allows nobody less. Not for service principals or technical users, who
     * never sign in, and not for the admin's own account, whose change asks for the current password (User
     * settings). An inactive user stays inactive; its sessions are the caller's to end.
     */
    public Principal reset(Actor actor, PrincipalId userId, String newPassword) {
        requireMayReset(actor);
        String hash = hasher.hash(ConsolePassword.require(newPassword, NEW_FIELD));
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal target = principals
                    .findById(actor.workspace(), userId)
                    .orElseThrow(() -> new ResourceNotFoundException("User " + userId + " does not exist."));
            if (target.kind() != PrincipalKind.USER) {
                throw new InvalidStateException(DirectoryService.label(target.kind()) + " " + target.name()
                        + " has no console password: only users sign in to the console.");
            }
            if (target.id().equals(actor.principal())) {
                throw new InvalidStateException("Refused: " + actor.name() + " cannot reset its own password here."
                        + " Change it under User settings → Password, which asks for the current one.");
            }
            Principal saved = principals.save(target.withPasswordHash(hash));
            audit.record(AuditEvent.by(actor, AuditAction.PASSWORD_RESET, now())
                    .target("user", String.valueOf(saved.id()))
                    .detail("user", saved.name())
                    .detail("first_password", target.passwordHash() == null)
                    .build());
            return saved;
        });
    }

    /**
     * Refuses unless the actor may reset console passwords: {@code scim:write} and the {@code workspace-admin} role
     * at workspace scope. A form asks first, so that a non-admin is refused before any field is looked at.
     */
    public void requireMayReset(Actor actor) {
        access.require(actor, Permission.SCIM_WRITE);
        EffectivePermissions held = access.permissionsOf(actor);
        if (!held.isWorkspaceAdmin()) {
            throw new PermissionDeniedException(
                    Permission.SCIM_WRITE.key(),
                    actor.name() + " is not a workspace admin. Resetting a console password lets whoever sets it"
                            + " sign in as that user, so only a workspace admin can; roles held: "
                            + (held.roleNames().isEmpty() ? "none" : String.join(", ", held.roleNames())) + ".");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
