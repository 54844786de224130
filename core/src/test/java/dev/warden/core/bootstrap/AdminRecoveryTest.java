package dev.warden.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.principal.PasswordHasher;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRecoveryTest {
    private static final PasswordHasher HASHER = new PasswordHasher() {
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
    private final AdminRecovery recovery = new AdminRecovery(
            kit.workspaces,
            kit.directory.principals,
            kit.directory.roles,
            kit.directory.assignments,
            HASHER,
            kit.audit,
            kit.tx,
            kit.versions,
            kit.clock);

    private Principal stored(Principal principal) {
        return kit.directory
                .principals
                .findById(principal.workspace(), principal.id())
                .orElseThrow();
    }

    @Test
    void setsTheAdminsPasswordAndAuditsItAsSystemWithoutThePassword() {
        AdminRecovery.Recovered recovered = recovery.recover("main", "admin", "recovered-pass-1");

        assertThat(recovered.user().id()).isEqualTo(kit.admin.id());
        assertThat(recovered.created()).isFalse();
        assertThat(recovered.madeAdmin()).isFalse();
        assertThat(stored(kit.admin).passwordHash()).isEqualTo("{noop}recovered-pass-1");
        AuditEvent event = kit.audit.eventsWith(AuditAction.ADMIN_RECOVERED).get(0);
        assertThat(event.actorId()).isNull();
        assertThat(event.actorName()).isEqualTo("system");
        assertThat(event.targetId()).isEqualTo(kit.admin.id().toString());
        assertThat(event.toString()).doesNotContain("recovered-pass-1");
    }

    @Test
    void anInactiveUserWithoutTheRoleBecomesAnActiveWorkspaceAdmin() {
        Principal former = kit.save(Principals.aUser("former-admin").inactive().build(), BuiltInRole.USER);

        AdminRecovery.Recovered recovered = recovery.recover("main", "former-admin", "recovered-pass-1");

        assertThat(recovered.activated()).isTrue();
        assertThat(recovered.madeAdmin()).isTrue();
        assertThat(stored(former).active()).isTrue();
        assertThat(kit.lastAdmin.signInWorkspaceAdmins(CoreTestKit.WORKSPACE)).contains(former.id());
        assertThat(kit.audit.eventsWith(AuditAction.ADMIN_RECOVERED).get(0).details())
                .containsEntry("activated", "true")
                .containsEntry("role_assigned", "true")
                .containsEntry("created", "false");
    }

    @Test
    void aUserNameNobodyHasIsCreatedAsWorkspaceAdmin() {
        AdminRecovery.Recovered recovered = recovery.recover("main", "rescue", "recovered-pass-1");

        assertThat(recovered.created()).isTrue();
        assertThat(recovered.user().canLogIn()).isTrue();
        assertThat(kit.lastAdmin.signInWorkspaceAdmins(CoreTestKit.WORKSPACE))
                .contains(recovered.user().id());
    }

    @Test
    void runningItTwiceSetsThePasswordAgainAndAddsNothingElse() {
        recovery.recover("main", "admin", "recovered-pass-1");
        int assignments = kit.directory.assignments.all().size();

        AdminRecovery.Recovered again = recovery.recover("main", "admin", "recovered-pass-1");

        assertThat(again.madeAdmin()).isFalse();
        assertThat(again.activated()).isFalse();
        assertThat(kit.directory.assignments.all()).hasSize(assignments);
        assertThat(stored(kit.admin).passwordHash()).isEqualTo("{noop}recovered-pass-1");
        List<AuditEvent> records = kit.audit.eventsWith(AuditAction.ADMIN_RECOVERED);
        assertThat(records).hasSize(2);
    }

    @Test
    void aPasswordTheConsoleWouldRefuseStopsItAndChangesNothing() {
        Map<String, Object> before = kit.state();

        assertThatThrownBy(() -> recovery.recover("main", "admin", "short"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> recovery.recover("main", "admin", "x".repeat(73)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("72 bytes");
        assertThat(kit.state()).isEqualTo(before);
    }

    @Test
    void aMissingWorkspaceIsAnError() {
        assertThatThrownBy(() -> recovery.recover("nowhere", "admin", "recovered-pass-1"))
                .isInstanceOf(IllegalStateException.class);
    }
}
