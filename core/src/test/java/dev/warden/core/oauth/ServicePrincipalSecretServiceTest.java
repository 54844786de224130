package dev.warden.core.oauth;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServicePrincipalSecretServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final ServicePrincipalSecretService service = kit.secretService;
    private final Actor admin = kit.asAdmin();
    /** A service principal holding the user role, allowed to use tokens. */
    private final Principal robot = servicePrincipal("robot", BuiltInRole.USER);

    private Principal servicePrincipal(String name, BuiltInRole... roles) {
        return kit.allowTokens(kit.save(
                Principal.newServicePrincipal(WORKSPACE, UUID.randomUUID().toString(), name), roles));
    }

    /** A user allowed to use tokens whose only role is a custom one of exactly these permissions. */
    private Principal holding(String name, Permission... permissions) {
        Principal holder = kit.allowTokens(kit.user(name));
        Role role = kit.directory.roles.save(Role.custom(WORKSPACE, name + "-role", "", Set.of(permissions)));
        kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, role.id(), holder.id(), null));
        return holder;
    }

    /** The call throws this type and leaves every fake as it was. */
    private <T extends RuntimeException> T refused(Class<T> type, ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        T thrown = catchThrowableOfType(type, call);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(kit.state()).as("nothing changed").isEqualTo(before);
        return thrown;
    }

    @Nested
    class Creating {
        @Test
        void theValueIsShownOnceInTokenFormatAndOnlyItsDigestIsKept() {
            CreatedSecret created = service.create(admin, robot.id(), null);

            String value = created.value().reveal();
            assertThat(kit.format.isWellFormed(value)).isTrue();
            ServicePrincipalSecret stored = kit.secrets.all().get(0);
            assertThat(stored.digest()).isEqualTo(TokenDigest.of(value));
            assertThat(stored.servicePrincipal()).isEqualTo(robot.id());
            assertThat(stored.createdBy()).isEqualTo(admin.principal());
            assertThat(stored.displayHint()).startsWith("wdn_…").endsWith(value.substring(value.length() - 4));
            assertThat(stored.toString()).doesNotContain(value);
        }

        @Test
        void withoutALifetimeItLivesTheWorkspacesLongest730DaysByDefault() {
            Instant now = kit.clock.instant();

            ServicePrincipalSecret secret =
                    service.create(admin, robot.id(), null).secret();

            assertThat(secret.expiresAt()).isEqualTo(now.plus(Duration.ofDays(730)));
            assertThat(secret.statusAt(now)).isEqualTo(SecretStatus.ACTIVE);
        }

        @Test
        void aLifetimeWithinTheCapIsTaken() {
            Instant now = kit.clock.instant();

            ServicePrincipalSecret secret =
                    service.create(admin, robot.id(), Duration.ofDays(90)).secret();

            assertThat(secret.expiresAt()).isEqualTo(now.plus(Duration.ofDays(90)));
        }

        @Test
        void theWorkspaceCapBoundsTheLifetimeAndIsTheDefault() {
            kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 600, 30));

            InvalidParameterException thrown = refused(
                    InvalidParameterException.class, () -> service.create(admin, robot.id(), Duration.ofDays(31)));

            assertThat(thrown.field()).isEqualTo("lifetime");
            assertThat(thrown).hasMessageContaining("30 days").hasMessageContaining("maxSecretLifetimeDays");
            assertThat(service.create(admin, robot.id(), null).secret().expiresAt())
                    .isEqualTo(kit.clock.instant().plus(Duration.ofDays(30)));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void aLifetimeThatIsNotPositiveIsRefused(long seconds) {
            InvalidParameterException thrown = refused(
                    InvalidParameterException.class,
                    () -> service.create(admin, robot.id(), Duration.ofSeconds(seconds)));

            assertThat(thrown.field()).isEqualTo("lifetime");
        }

        @Test
        void itIsAuditedWithoutItsValue() {
            CreatedSecret created = service.create(admin, robot.id(), Duration.ofDays(1));

            List<AuditEvent> events = kit.audit.eventsWith(AuditAction.SERVICE_PRINCIPAL_SECRET_CREATED);
            assertThat(events).hasSize(1);
            AuditEvent event = events.get(0);
            assertThat(event.targetType()).isEqualTo("service_principal_secret");
            assertThat(event.targetId()).isEqualTo(created.secret().id().value());
            assertThat(event.details())
                    .containsEntry("service_principal_id", robot.id().toString())
                    .containsEntry("application_id", robot.applicationId())
                    .containsEntry("expires_at", created.secret().expiresAt().toString());
            assertThat(event.toString()).doesNotContain(created.value().reveal());
        }

        @Test
        void aUserWithoutTokenManagementWriteIsRefused() {
            Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));

            PermissionDeniedException thrown =
                    refused(PermissionDeniedException.class, () -> service.create(as(alice), robot.id(), null));

            assertThat(thrown.permission()).isEqualTo("token-management:write");
        }

        @Test
        void onlySomeoneWhoHoldsWhatTheServicePrincipalCanDoMayCreateItsSecret() {
            Principal manager = holding(
                    "manager",
                    Permission.TOKENS_READ,
                    Permission.TOKENS_WRITE,
                    Permission.TOKEN_MANAGEMENT_READ,
                    Permission.TOKEN_MANAGEMENT_WRITE,
                    Permission.SCIM_READ,
                    Permission.ROLES_READ);
            Principal mighty = servicePrincipal("mighty", BuiltInRole.WORKSPACE_ADMIN);

            PermissionDeniedException thrown =
                    refused(PermissionDeniedException.class, () -> service.create(as(manager), mighty.id(), null));

            assertThat(thrown.reason()).isEqualTo(PermissionDeniedException.SECRET_BEYOND_ACTOR);
            assertThat(thrown).hasMessageContaining("manager does not hold").hasMessageContaining("settings:write");
            assertThat(service.create(as(manager), robot.id(), null).secret().servicePrincipal())
                    .as("the user role's permissions, which the manager holds")
                    .isEqualTo(robot.id());
        }

        @Test
        void aCreatorThatMayNotUseTokensGetsNoSecret() {
            Principal noUsage = kit.user("no-usage");
            Role managers = kit.directory.roles.save(Role.custom(
                    WORKSPACE,
                    "managers",
                    "",
                    Set.of(
                            Permission.TOKEN_MANAGEMENT_WRITE,
                            Permission.TOKENS_READ,
                            Permission.TOKENS_WRITE,
                            Permission.SCIM_READ,
                            Permission.ROLES_READ)));
            kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, managers.id(), noUsage.id(), null));

            PermissionDeniedException thrown =
                    refused(PermissionDeniedException.class, () -> service.create(as(noUsage), robot.id(), null));

            assertThat(thrown).hasMessageContaining("may not use tokens");
        }

        @Test
        void aUserOrAServicePrincipalOfAnotherWorkspaceIsNoServicePrincipalHere() {
            Principal alice = kit.user("alice", BuiltInRole.USER);
            Principal elsewhere = kit.principalIn(OTHER_WORKSPACE, robot);

            refused(ResourceNotFoundException.class, () -> service.create(admin, alice.id(), null));
            refused(ResourceNotFoundException.class, () -> service.create(admin, elsewhere.id(), null));
            refused(ResourceNotFoundException.class, () -> service.create(admin, new PrincipalId(987_654), null));
        }

        @Test
        void aServicePrincipalHasAtMostFiveSecrets() {
            for (int i = 0; i < ServicePrincipalSecretService.MAX_PER_SERVICE_PRINCIPAL; i++) {
                service.create(admin, robot.id(), null);
            }

            QuotaExceededException thrown =
                    refused(QuotaExceededException.class, () -> service.create(admin, robot.id(), null));

            assertThat(thrown).hasMessageContaining("already has 5 secrets");
            assertThat(service.create(admin, servicePrincipal("other").id(), null))
                    .as("another service principal's count is its own")
                    .isNotNull();
        }
    }

    @Nested
    class Listing {
        @Test
        void newestFirstWithStatusAndPagesThatFollowEachOther() {
            ServicePrincipalSecret first =
                    service.create(admin, robot.id(), Duration.ofDays(1)).secret();
            kit.clock.advance(Duration.ofMinutes(1));
            ServicePrincipalSecret second =
                    service.create(admin, robot.id(), null).secret();
            kit.clock.advance(Duration.ofMinutes(1));
            ServicePrincipalSecret third =
                    service.create(admin, robot.id(), null).secret();

            SecretPage page1 = service.list(admin, robot.id(), null, 2);
            SecretPage page2 = service.list(admin, robot.id(), page1.next(), 2);

            assertThat(page1.secrets()).containsExactly(third, second);
            assertThat(page2.secrets()).containsExactly(first);
            assertThat(page2.next()).isNull();
            assertThat(SecretCursor.parse(page1.next().token())).isEqualTo(page1.next());

            kit.clock.advance(Duration.ofDays(1));
            assertThat(first.statusAt(kit.clock.instant())).isEqualTo(SecretStatus.EXPIRED);
            assertThat(second.statusAt(kit.clock.instant())).isEqualTo(SecretStatus.ACTIVE);
        }

        @Test
        void anAuditorMayListButNotCreateNorDelete() {
            ServicePrincipalSecret secret =
                    service.create(admin, robot.id(), null).secret();
            Principal auditor = kit.user("auditor", BuiltInRole.AUDITOR);

            assertThat(service.all(as(auditor), robot.id())).containsExactly(secret);
            refused(PermissionDeniedException.class, () -> service.create(as(auditor), robot.id(), null));
            refused(PermissionDeniedException.class, () -> service.delete(as(auditor), robot.id(), secret.id()));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, ServicePrincipalSecretService.MAX_PAGE + 1})
        void aPageSizeOutsideOneToTheMaximumIsRefusedNamingPageSize(int size) {
            InvalidParameterException thrown = catchThrowableOfType(
                    InvalidParameterException.class, () -> service.list(admin, robot.id(), null, size));

            assertThat(thrown.field()).isEqualTo("page_size");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "x", "bm90LWEtY3Vyc29y", "MTIzLmFiYw"})
        void aPageTokenThisListDidNotWriteIsRefusedNamingIt(String token) {
            InvalidParameterException thrown =
                    catchThrowableOfType(InvalidParameterException.class, () -> SecretCursor.parse(token));

            assertThat(thrown.field()).isEqualTo("page_token");
        }
    }

    @Nested
    class Deleting {
        @Test
        void theSecretGoesAndTheTokensItObtainedAreRevokedWithAdminAuthority() {
            CreatedSecret doomed = service.create(admin, robot.id(), null);
            CreatedSecret kept = service.create(admin, robot.id(), null);
            AccessToken fromDoomed = grant(doomed);
            AccessToken fromKept = grant(kept);

            DeletedSecret deleted =
                    service.delete(admin, robot.id(), doomed.secret().id());

            assertThat(kit.secrets.all()).containsExactly(kept.secret());
            assertThat(deleted.revokedTokens()).extracting(AccessToken::id).containsExactly(fromDoomed.id());
            AccessToken revoked =
                    kit.tokens.findById(WORKSPACE, fromDoomed.id()).orElseThrow();
            assertThat(revoked.revocationAuthority()).isEqualTo(RevocationAuthority.ADMIN);
            assertThat(revoked.revokedBy()).isEqualTo(admin.principal());
            assertThat(kit.tokens
                            .findById(WORKSPACE, fromKept.id())
                            .orElseThrow()
                            .statusAt(kit.clock.instant()))
                    .isEqualTo(TokenStatus.ACTIVE);
        }

        @Test
        void theDeletionAndTheRevocationAreAuditedTheRevocationNamingEachToken() {
            CreatedSecret secret = service.create(admin, robot.id(), null);
            AccessToken token = grant(secret);

            service.delete(admin, robot.id(), secret.secret().id());

            AuditEvent deletion = kit.audit
                    .eventsWith(AuditAction.SERVICE_PRINCIPAL_SECRET_DELETED)
                    .get(0);
            assertThat(deletion.targetId()).isEqualTo(secret.secret().id().value());
            assertThat(deletion.details()).containsEntry("tokens_revoked", "1");
            AuditEvent revocation =
                    kit.audit.eventsWith(AuditAction.TOKEN_REVOKED).get(0);
            assertThat(revocation.concerns("token", token.id().value())).isTrue();
            assertThat(revocation.details()).containsEntry("authority", "ADMIN");
        }

        @Test
        void aSecretOfAnotherServicePrincipalOrAnUnknownOneIsNotFound() {
            CreatedSecret secret = service.create(admin, robot.id(), null);
            Principal other = servicePrincipal("other");

            refused(
                    ResourceNotFoundException.class,
                    () -> service.delete(admin, other.id(), secret.secret().id()));
            refused(
                    ResourceNotFoundException.class,
                    () -> service.delete(admin, robot.id(), new SecretId("0123456789abcdef0123456789abcdef")));
        }

        @Test
        void aTokenItsOwnerHadRevokedGetsAdminAuthoritySoTheOwnerCannotRestoreIt() {
            CreatedSecret secret = service.create(admin, robot.id(), null);
            AccessToken token = grant(secret);
            kit.tokenService.revoke(as(robot), token.id());

            DeletedSecret deleted =
                    service.delete(admin, robot.id(), secret.secret().id());

            assertThat(deleted.revokedTokens()).extracting(AccessToken::id).containsExactly(token.id());
            assertThat(kit.tokens.findById(WORKSPACE, token.id()).orElseThrow().revocationAuthority())
                    .isEqualTo(RevocationAuthority.ADMIN);
            refused(PermissionDeniedException.class, () -> kit.tokenService.restore(as(robot), token.id()));
        }

        @Test
        void anExpiredTokenIsLeftAsItIs() {
            CreatedSecret secret = service.create(admin, robot.id(), null);
            AccessToken token = grant(secret);
            kit.clock.advance(Duration.ofHours(2));

            assertThat(service.delete(admin, robot.id(), secret.secret().id()).revokedTokens())
                    .isEmpty();
            assertThat(kit.tokens.findById(WORKSPACE, token.id()).orElseThrow().isRevoked())
                    .isFalse();
        }

        @Test
        void theSecretIsLockedFirst() {
            CreatedSecret secret = service.create(admin, robot.id(), null);
            int before = kit.secrets.lockCount();

            service.delete(admin, robot.id(), secret.secret().id());

            assertThat(kit.secrets.lockCount()).isEqualTo(before + 1);
        }

        private AccessToken grant(CreatedSecret secret) {
            AuthenticatedClient client = kit.clientCredentials.authenticate(
                    robot.applicationId(), secret.value().reveal());
            return kit.clientCredentials
                    .grant(client, null, "10.0.0.1")
                    .issued()
                    .token();
        }
    }
}
