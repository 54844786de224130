package dev.warden.core.entitlement;

import static dev.warden.core.entitlement.Entitlement.ALLOW_CLUSTER_CREATE;
import static dev.warden.core.entitlement.Entitlement.WORKSPACE_ACCESS;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Entitlements: what new principals start with, who may change them, the audit, and console access. */
class EntitlementServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final Actor admin = kit.asAdmin();
    private final EntitlementService service = kit.entitlementService;
    private final EntitlementRepository stored = kit.directory.entitlements;

    @Nested
    class NewPrincipals {
        @Test
        void aNewUserGetsWorkspaceAccessUnlessTheRequestNamesItsOwn() {
            Principal plain = kit.directoryService.createUser(
                    admin, new UserDetails("plain", null, null, null, null, null, null), "{noop}x");
            Principal none = kit.directoryService.createUser(
                    admin, new UserDetails("none", null, null, null, null, null, null, List.of()), "{noop}x");
            Principal cluster = kit.directoryService.createUser(
                    admin,
                    new UserDetails("cluster", null, null, null, null, null, null, List.of(" Allow-Cluster-Create ")),
                    null);

            assertThat(stored.of(WORKSPACE, plain.id())).containsExactly(WORKSPACE_ACCESS);
            assertThat(stored.of(WORKSPACE, none.id())).isEmpty();
            assertThat(stored.of(WORKSPACE, cluster.id())).containsExactly(ALLOW_CLUSTER_CREATE);
            AuditEvent created =
                    kit.audit.eventsWith(AuditAction.PRINCIPAL_CREATED).get(0);
            assertThat(created.details()).containsEntry("entitlements", "workspace-access");
        }

        @Test
        void aNewServicePrincipalGetsNoneUnlessNamed() {
            Principal bot = kit.directoryService.createServicePrincipal(
                    admin, new ServicePrincipalDetails(null, "bot", null, null));
            Principal sql = kit.directoryService.createServicePrincipal(
                    admin, new ServicePrincipalDetails(null, "sql", null, null, List.of("databricks-sql-access")));

            assertThat(stored.of(WORKSPACE, bot.id())).isEmpty();
            assertThat(stored.of(WORKSPACE, sql.id())).containsExactly(Entitlement.DATABRICKS_SQL_ACCESS);
        }

        @Test
        void anUnknownEntitlementIsRefusedNamingTheFieldAndCreatesNothing() {
            Map<String, Object> before = kit.state();

            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> kit.directoryService.createUser(
                            admin,
                            new UserDetails("x", null, null, null, null, null, null, List.of("superpowers")),
                            null));

            assertThat(refused.field()).isEqualTo("entitlements");
            assertThat(refused.getMessage()).contains("'superpowers'").contains("workspace-access");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void theBootstrapAdminHasWorkspaceAccess() {
            CoreTestKit empty = CoreTestKit.builder().empty().build();

            Principal bootstrapped =
                    empty.bootstrap.bootstrapIfEmpty("{noop}pw", null).orElseThrow();

            assertThat(empty.directory.entitlements.of(bootstrapped.workspace(), bootstrapped.id()))
                    .containsExactly(WORKSPACE_ACCESS);
        }
    }

    @Nested
    class Replacing {
        private final Principal alice = kit.user("alice", BuiltInRole.USER);

        @Test
        void replacesAUsersEntitlementsAndAuditsBeforeAndAfter() {
            service.replace(admin, PrincipalKind.USER, alice.id(), List.of("workspace-access", "allow-cluster-create"));

            assertThat(stored.of(WORKSPACE, alice.id()))
                    .containsExactlyInAnyOrder(WORKSPACE_ACCESS, ALLOW_CLUSTER_CREATE);
            AuditEvent event =
                    kit.audit.eventsWith(AuditAction.ENTITLEMENTS_CHANGED).get(0);
            assertThat(event.targetType()).isEqualTo("user");
            assertThat(event.targetId()).isEqualTo(alice.id().toString());
            assertThat(event.details())
                    .containsEntry("before", "none")
                    .containsEntry("after", "workspace-access, allow-cluster-create");
        }

        @Test
        void theSameSetAgainChangesAndRecordsNothing() {
            service.replace(admin, PrincipalKind.USER, alice.id(), List.of("workspace-access"));

            service.replace(admin, PrincipalKind.USER, alice.id(), List.of("WORKSPACE-ACCESS"));

            assertThat(kit.audit.eventsWith(AuditAction.ENTITLEMENTS_CHANGED)).hasSize(1);
        }

        @Test
        void aGroupsEntitlementsAreItsMembersToo() {
            Group ops = kit.group("ops", alice);

            service.replace(admin, ops.id(), List.of("workspace-access"));

            assertThat(stored.holds(WORKSPACE, alice.id(), WORKSPACE_ACCESS)).isTrue();
            assertThat(kit.audit
                            .eventsWith(AuditAction.ENTITLEMENTS_CHANGED)
                            .get(0)
                            .targetType())
                    .isEqualTo("group");
        }

        @Test
        void theWrongKindOrAnotherWorkspacesIdIsNotFound() {
            assertThat(catchThrowableOfType(
                            ResourceNotFoundException.class,
                            () -> service.replace(
                                    admin, PrincipalKind.SERVICE_PRINCIPAL, alice.id(), List.of("workspace-access"))))
                    .isNotNull();
            Principal stranger = kit.principalIn(CoreTestKit.OTHER_WORKSPACE, alice);
            assertThat(catchThrowableOfType(
                            ResourceNotFoundException.class,
                            () -> service.replace(admin, PrincipalKind.USER, stranger.id(), List.of())))
                    .isNotNull();
        }

        @Test
        void withoutScimWriteNothingChanges() {
            Map<String, Object> before = kit.state();

            PermissionDeniedException refused = catchThrowableOfType(
                    PermissionDeniedException.class,
                    () -> service.replace(
                            Principals.actor(alice), PrincipalKind.USER, alice.id(), List.of("allow-cluster-create")));

            assertThat(refused.permission()).isEqualTo("scim:write");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void nobodyGrantsAnEntitlementTheyDoNotHold() {
            Role provisioner = kit.roleService.create(
                    admin, "provisioner", "directory writes", Set.of(Permission.SCIM_READ, Permission.SCIM_WRITE));
            Principal bot = kit.servicePrincipal("provisioning bot");
            kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, provisioner.id(), bot.id(), null));
            Actor actor = Principals.actor(bot);

            PermissionDeniedException refused = catchThrowableOfType(
                    PermissionDeniedException.class,
                    () -> service.replace(actor, PrincipalKind.USER, alice.id(), List.of("workspace-access")));
            assertThat(refused.reason()).isEqualTo(PermissionDeniedException.GRANT_BEYOND_ACTOR);
            assertThat(refused.getMessage()).contains("does not hold the entitlement workspace-access");

            stored.replace(WORKSPACE, bot.id(), Set.of(WORKSPACE_ACCESS));
            service.replace(actor, PrincipalKind.USER, alice.id(), List.of("workspace-access"));
            // taking away needs no holding
            service.replace(actor, PrincipalKind.USER, alice.id(), List.of());
            assertThat(stored.of(WORKSPACE, alice.id())).isEmpty();
        }
    }

    @Nested
    class GroupMembership {
        @Test
        void addingAMemberToAGroupThatCarriesAnEntitlementNeedsTheActorToHoldIt() {
            Principal alice = kit.user("alice", BuiltInRole.USER);
            Principal bob = kit.user("bob", BuiltInRole.USER);
            Group staff = kit.group("staff");
            stored.replace(WORKSPACE, staff.id(), Set.of(WORKSPACE_ACCESS));
            kit.assign(BuiltInRole.GROUP_ADMIN, alice, staff);
            Map<String, Object> before = kit.state();

            PermissionDeniedException refused = catchThrowableOfType(
                    PermissionDeniedException.class,
                    () -> kit.groupService.addMembers(Principals.actor(alice), staff.id(), List.of(bob.id())));

            assertThat(refused.getMessage()).contains("the entitlement workspace-access");
            assertThat(kit.state()).isEqualTo(before);
            stored.replace(WORKSPACE, alice.id(), Set.of(WORKSPACE_ACCESS));
            kit.groupService.addMembers(Principals.actor(alice), staff.id(), List.of(bob.id()));
            assertThat(stored.holds(WORKSPACE, bob.id(), WORKSPACE_ACCESS)).isTrue();
        }
    }

    @Nested
    class ConsoleAccess {
        private final ConsoleAccessPolicy policy = kit.consoleAccess;

        @Test
        void aUserWithWorkspaceAccessDirectlyOrThroughAGroupMaySignIn() {
            Principal direct = kit.user("direct", BuiltInRole.USER);
            Principal viaGroup = kit.user("via-group", BuiltInRole.USER);
            Principal without = kit.user("without", BuiltInRole.USER);
            stored.replace(WORKSPACE, direct.id(), Set.of(WORKSPACE_ACCESS));
            Group staff = kit.group("staff", viaGroup);
            stored.replace(WORKSPACE, staff.id(), Set.of(WORKSPACE_ACCESS));

            assertThat(policy.maySignIn(direct)).isTrue();
            assertThat(policy.maySignIn(viaGroup)).isTrue();
            assertThat(policy.maySignIn(without)).isFalse();
        }

        @Test
        void aWorkspaceAdminAlwaysMaySoTheConsoleNeverLocksItsAdminsOut() {
            assertThat(stored.of(WORKSPACE, kit.admin.id())).isEmpty();
            assertThat(policy.maySignIn(kit.admin)).isTrue();
        }

        @Test
        void anInactiveUserAUserWithoutPasswordAndAServicePrincipalMayNot() {
            Principal inactive =
                    kit.save(Principals.aUser("inactive").inactive().build(), BuiltInRole.USER);
            Principal scimOnly =
                    kit.save(Principals.aUser("scim-only").withoutPassword().build());
            Principal bot = kit.servicePrincipal("bot", BuiltInRole.WORKSPACE_ADMIN);
            for (Principal principal : List.of(inactive, scimOnly, bot)) {
                stored.replace(WORKSPACE, principal.id(), Set.of(WORKSPACE_ACCESS));
            }

            assertThat(policy.maySignIn(inactive)).isFalse();
            assertThat(policy.maySignIn(scimOnly)).isFalse();
            assertThat(policy.maySignIn(bot)).isFalse();
        }
    }
}
