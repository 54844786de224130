package dev.warden.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PasswordHasher;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PasswordServiceTest {
    /** Plain enough to read in a test, with the same contract as bcrypt's encoder ({@code {noop}} is the kit's). */
    static final PasswordHasher HASHER = new PasswordHasher() {
        @Override
        public String hash(String password) {
            return "{noop}" + password;
        }

        @Override
        public boolean matches(String password, String hash) {
            return hash != null && hash.equals("{noop}" + password);
        }
    };

    private final CoreTestKit kit = new CoreTestKit();
    private final PasswordService service = new PasswordService(
            kit.directory.principals, HASHER, kit.access, kit.audit, kit.tx, kit.versions, kit.clock);

    private Principal stored(Principal principal) {
        return kit.directory
                .principals
                .findById(principal.workspace(), principal.id())
                .orElseThrow();
    }

    private InvalidParameterException invalid(ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidParameterException.class);
        assertThat(kit.state()).as("a refusal changes nothing").isEqualTo(before);
        return (InvalidParameterException) thrown;
    }

    @Nested
    class ChangingOwnPassword {
        private final Principal alice = kit.user("alice", BuiltInRole.USER); // current password "test"
        private final Actor asAlice = CoreTestKit.as(alice);

        @Test
        void storesTheNewHashAndAuditsWithoutAnyPassword() {
            service.change(asAlice, "test", "new-password-1");

            assertThat(stored(alice).passwordHash()).isEqualTo("{noop}new-password-1");
            AuditEvent event =
                    kit.audit.eventsWith(AuditAction.PASSWORD_CHANGED).get(0);
            assertThat(event.actorId()).isEqualTo(alice.id());
            assertThat(event.targetId()).isEqualTo(alice.id().toString());
            assertThat(event.toString()).doesNotContain("new-password-1").doesNotContain("{noop}");
        }

        @Test
        void aWrongCurrentPasswordNamesThatFieldAndChangesNothing() {
            InvalidParameterException e = invalid(() -> service.change(asAlice, "guess-1234", "new-password-1"));

            assertThat(e.field()).isEqualTo(PasswordService.CURRENT_FIELD);
        }

        @Test
        void aNewPasswordTooShortOrOver72BytesNamesTheNewField() {
            assertThat(invalid(() -> service.change(asAlice, "test", "short")).field())
                    .isEqualTo(PasswordService.NEW_FIELD);
            // 37 two-byte letters: 37 characters, 74 bytes
            InvalidParameterException tooLong = invalid(() -> service.change(asAlice, "test", "é".repeat(37)));
            assertThat(tooLong.field()).isEqualTo(PasswordService.NEW_FIELD);
            assertThat(tooLong.getMessage()).contains("72 bytes");
        }

        @Test
        void exactly72BytesIsAccepted() {
            service.change(asAlice, "test", "é".repeat(36));

            assertThat(stored(alice).passwordHash()).isEqualTo("{noop}" + "é".repeat(36));
        }

        @Test
        void theSamePasswordAgainIsRefused() {
            Principal bob = kit.save(Principals.aUser("bob")
                    .withPasswordHash("{noop}same-password")
                    .build());

            assertThat(invalid(() -> service.change(CoreTestKit.as(bob), "same-password", "same-password"))
                            .field())
                    .isEqualTo(PasswordService.NEW_FIELD);
        }

        @Test
        void aPrincipalWithoutAConsolePasswordHasNoneToChange() {
            Principal scimUser =
                    kit.save(Principals.aUser("scim-made").withoutPassword().build());
            Principal robot = kit.servicePrincipal("robot");

            assertThatThrownBy(() -> service.change(CoreTestKit.as(scimUser), "x", "new-password-1"))
                    .isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(() -> service.change(CoreTestKit.as(robot), "x", "new-password-1"))
                    .isInstanceOf(InvalidStateException.class);
        }
    }

    @Nested
    class ResettingAnothersPassword {
        private final Principal carol = kit.user("carol", BuiltInRole.USER);

        @Test
        void aWorkspaceAdminSetsItAndTheAuditSaysWhoAndWhom() {
            service.reset(kit.asAdmin(), carol.id(), "reset-password-1");

            assertThat(stored(carol).passwordHash()).isEqualTo("{noop}reset-password-1");
            AuditEvent event = kit.audit.eventsWith(AuditAction.PASSWORD_RESET).get(0);
            assertThat(event.actorId()).isEqualTo(kit.admin.id());
            assertThat(event.targetId()).isEqualTo(carol.id().toString());
            assertThat(event.details()).containsEntry("user", "carol").containsEntry("first_password", "false");
            assertThat(event.toString()).doesNotContain("reset-password-1");
        }

        @Test
        void aUserCreatedOverScimGetsItsFirstPasswordAndStaysAsItWas() {
            Principal scimUser = kit.save(
                    Principals.aUser("scim-made").withoutPassword().inactive().build());

            service.reset(kit.asAdmin(), scimUser.id(), "first-password-1");

            assertThat(stored(scimUser).passwordHash()).isEqualTo("{noop}first-password-1");
            assertThat(stored(scimUser).active()).isFalse();
            assertThat(kit.audit.eventsWith(AuditAction.PASSWORD_RESET).get(0).details())
                    .containsEntry("first_password", "true");
        }

        @Test
        void somebodyWithScimWriteWhoIsNotAWorkspaceAdminIsRefused() {
            Principal directoryAdmin = kit.user("directory-admin", BuiltInRole.USER);
            var role = kit.roleService.create(
                    kit.asAdmin(), "directory-writer", "", Set.of(Permission.SCIM_READ, Permission.SCIM_WRITE));
            kit.directory.assignments.add(
                    RoleAssignment.toPrincipal(CoreTestKit.WORKSPACE, role.id(), directoryAdmin.id(), null));
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() -> service.reset(CoreTestKit.as(directoryAdmin), carol.id(), "reset-password-1"))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("not a workspace admin");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void aPlainUserIsRefusedForLackingScimWrite() {
            Principal dave = kit.user("dave", BuiltInRole.USER);

            assertThatThrownBy(() -> service.reset(CoreTestKit.as(dave), carol.id(), "reset-password-1"))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("scim:write");
        }

        @Test
        void notForServicePrincipalsTechnicalUsersOrTheAdminItself() {
            Principal robot = kit.servicePrincipal("robot");
            Principal technical = kit.save(Principal.newTechnicalUser(CoreTestKit.WORKSPACE, "org token owner"));
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() -> service.reset(kit.asAdmin(), robot.id(), "reset-password-1"))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("only users sign in");
            assertThatThrownBy(() -> service.reset(kit.asAdmin(), technical.id(), "reset-password-1"))
                    .isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(() -> service.reset(kit.asAdmin(), kit.admin.id(), "reset-password-1"))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("User settings");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void anUnknownUserOrOneOfAnotherWorkspaceIsNotFound() {
            Principal elsewhere = kit.principalIn(CoreTestKit.OTHER_WORKSPACE, carol);

            assertThatThrownBy(() -> service.reset(kit.asAdmin(), new PrincipalId(9_999), "reset-password-1"))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> service.reset(kit.asAdmin(), elsewhere.id(), "reset-password-1"))
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        @Test
        void aPasswordOver72BytesIsRefusedNamingTheField() {
            assertThat(invalid(() -> service.reset(kit.asAdmin(), carol.id(), "x".repeat(73)))
                            .field())
                    .isEqualTo(PasswordService.NEW_FIELD);
        }
    }
}
