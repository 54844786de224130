package dev.warden.web.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.RunningWarden;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The documented way back in when the last admin's password is lost: start once with WARDEN_RECOVER_ADMIN_PASSWORD
 * (here as its property), sign in with it, remove it. Real starts of the application on a file database.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminRecoveryIT {
    private static final String RECOVER = "warden.recovery.admin-password=";

    @Test
    void aStartWithTheSettingSetsTheAdminPasswordAuditsItAndWarnsToRemoveIt(CapturedOutput output) {
        Path dataDir = RunningWarden.newDataDir("recovery");
        try (RunningWarden first = RunningWarden.start(dataDir, "warden.bootstrap.admin-password=lost-password-1")) {
            assertThat(new ConsoleSession(first.port()).logIn("admin", "lost-password-1"))
                    .isEqualTo("/");
        }

        try (RunningWarden recovered = RunningWarden.start(dataDir, RECOVER + "recovered-pass-1")) {
            assertThat(new ConsoleSession(recovered.port()).logIn("admin", "lost-password-1"))
                    .isEqualTo("/login?error");
            assertThat(new ConsoleSession(recovered.port()).logIn("admin", "recovered-pass-1"))
                    .isEqualTo("/");
            List<AuditEvent> records = recoveries(recovered);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).actorName()).isEqualTo("system");
            assertThat(records.get(0).actorId()).isNull();
            assertThat(records.get(0).details()).containsEntry("user", "admin");
            assertThat(records.get(0).toString()).doesNotContain("recovered-pass-1");
        }
        assertThat(output.getAll())
                .contains("WARN", "Remove WARDEN_RECOVER_ADMIN_PASSWORD now")
                .doesNotContain("recovered-pass-1");

        try (RunningWarden again = RunningWarden.start(dataDir)) {
            assertThat(recoveries(again)).as("nothing without the setting").hasSize(1);
            assertThat(new ConsoleSession(again.port()).logIn("admin", "recovered-pass-1"))
                    .isEqualTo("/");
        }
    }

    @Test
    void aNamedUserNobodyHasBecomesAWorkspaceAdmin() {
        Path dataDir = RunningWarden.newDataDir("recovery-user");
        try (RunningWarden warden = RunningWarden.start(
                dataDir,
                "warden.bootstrap.admin-password=first-password-1",
                "warden.recovery.admin-user=rescue",
                RECOVER + "rescue-password-1")) {
            ConsoleSession rescue = new ConsoleSession(warden.port());

            assertThat(rescue.logIn("rescue", "rescue-password-1")).isEqualTo("/");
            assertThat(rescue.get("/settings/admin/users").statusCode()).isEqualTo(200);
            assertThat(recoveries(warden).get(0).details())
                    .containsEntry("created", "true")
                    .containsEntry("role_assigned", "true");
        }
    }

    @Test
    void aPasswordTheConsoleWouldRefuseStopsStartUpWithoutEchoingIt(CapturedOutput output) {
        String tooLong = "recover-" + "x".repeat(80);

        assertThatThrownBy(() -> RunningWarden.start(RunningWarden.newDataDir("recovery-bad"), RECOVER + tooLong)
                        .close())
                .rootCause()
                .hasMessageContaining("WARDEN_RECOVER_ADMIN_PASSWORD is not an acceptable console password")
                .hasMessageContaining("72 bytes");
        assertThat(output.getAll()).doesNotContain(tooLong).doesNotContain("Warden is ready");
    }

    private static List<AuditEvent> recoveries(RunningWarden warden) {
        var workspace =
                warden.bean(WorkspaceRepository.class).findByName("main").orElseThrow();
        return warden.bean(AuditLog.class).recent(workspace.id(), 100).stream()
                .filter(e -> e.action() == AuditAction.ADMIN_RECOVERED)
                .toList();
    }
}
