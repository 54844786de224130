package dev.warden.core.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.Principals;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import org.junit.jupiter.api.Test;

/** Whose permissions a service checks: what the actor's request was authorised with, when it carries that. */
class AccessPolicyTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final InMemoryDirectory directory = kit.directory;
    private final AccessPolicy access = new AccessPolicy(kit.resolver);
    private final Principal alice =
            directory.principals.save(Principals.aUser("alice").build());

    private EffectivePermissions adminNow() {
        directory.assignments.add(RoleAssignment.toPrincipal(
                CoreTestKit.WORKSPACE,
                directory
                        .roles
                        .builtIn(CoreTestKit.WORKSPACE, BuiltInRole.WORKSPACE_ADMIN)
                        .id(),
                alice.id(),
                null));
        return kit.resolver.of(alice);
    }

    @Test
    void anActorWithoutAuthorisationIsReadAfresh() {
        Actor actor = Actor.of(alice, "127.0.0.1");
        assertThatThrownBy(() -> access.require(actor, Permission.ROLES_WRITE))
                .isInstanceOf(PermissionDeniedException.class);

        adminNow();

        access.require(actor, Permission.ROLES_WRITE);
    }

    @Test
    void anAuthorisedActorIsCheckedAgainstWhatItsRequestResolvedWithoutReadingAgain() {
        EffectivePermissions admin = adminNow();
        Actor authorised = Actor.authorised(new AuthorisedActor(alice, admin), "127.0.0.1");
        Actor none = Actor.authorised(new AuthorisedActor(alice, EffectivePermissions.NONE), "127.0.0.1");

        assertThat(access.permissionsOf(authorised)).isSameAs(admin);
        access.require(authorised, Permission.ROLES_WRITE);
        // the store says admin, the request's resolution says nothing: the resolution decides
        assertThatThrownBy(() -> access.require(none, Permission.ROLES_WRITE))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void anAuthorisationBelongsToItsOwnActor() {
        Principal bob = directory.principals.save(Principals.aUser("bob").build());
        AuthorisedActor ofBob = new AuthorisedActor(bob, EffectivePermissions.NONE);

        assertThatThrownBy(() -> new Actor(CoreTestKit.WORKSPACE, alice.id(), alice.name(), "127.0.0.1", ofBob))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
