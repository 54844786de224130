package dev.warden.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.InMemoryAuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Role;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkspaceBootstrapTest {
    private static final String ADMIN_HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z6bDMYJbaBuYqUOJv8xs4Yle";

    private final List<String> writesOutsideTransaction = new ArrayList<>();
    /** An empty database; the token and audit fakes note every write made outside a transaction. */
    private final CoreTestKit kit = CoreTestKit.builder()
            .empty()
            .tokens(new InMemoryTokenRepository() {
                @Override
                public synchronized void add(AccessToken token) {
                    noteIfOutsideTransaction("token");
                    super.add(token);
                }
            })
            .audit(new InMemoryAuditLog() {
                @Override
                public synchronized void record(AuditEvent event) {
                    noteIfOutsideTransaction("audit " + event.action());
                    super.record(event);
                }
            })
            .build();

    private final MutableClock clock = kit.clock;
    private final InMemoryWorkspaceRepository workspaces = kit.workspaces;
    private final InMemoryDirectory directory = kit.directory;
    private final InMemoryPrincipalRepository principals = directory.principals;
    private final InMemoryTokenRepository tokens = kit.tokens;
    private final InMemoryAuditLog audit = kit.audit;
    private final WorkspaceBootstrap bootstrap = kit.bootstrap;

    private void noteIfOutsideTransaction(String write) {
        if (!kit.tx.isInTransaction()) {
            writesOutsideTransaction.add(write);
        }
    }

    private Workspace main() {
        return workspaces.findByName("main").orElseThrow();
    }

    @Nested
    class OnAnEmptyDatabase {
        @Test
        void createsWorkspaceMainAndTheAdminUserWithTheGivenHash() {
            Optional<Principal> result = bootstrap.bootstrapIfEmpty(ADMIN_HASH, null);

            assertThat(workspaces.all()).extracting(Workspace::name).containsExactly("main");
            Principal admin = principals.findByUserName(main().id(), "admin").orElseThrow();
            assertThat(result).contains(admin);
            assertThat(admin.id()).isNotNull();
            assertThat(admin.kind()).isEqualTo(PrincipalKind.USER);
            assertThat(admin.passwordHash()).isEqualTo(ADMIN_HASH);
            assertThat(admin.active()).isTrue();
            assertThat(admin.canLogIn()).isTrue();
        }

        @Test
        void makesTheAdminAWorkspaceAdmin() {
            Principal admin = bootstrap.bootstrapIfEmpty(ADMIN_HASH, null).orElseThrow();

            Role adminRole =
                    directory.roles.findByName(main().id(), "workspace-admin").orElseThrow();
            assertThat(directory.assignments.list(main().id())).singleElement().satisfies(assignment -> {
                assertThat(assignment.role()).isEqualTo(adminRole.id());
                assertThat(assignment.principal()).isEqualTo(admin.id());
                assertThat(assignment.group()).isNull();
                assertThat(assignment.atWorkspaceScope()).isTrue();
            });
            assertThat(adminRole.builtIn()).isTrue();
        }

        @Test
        void seedsTheFiveBuiltInRolesOfTheNewWorkspace() {
            bootstrap.bootstrapIfEmpty(ADMIN_HASH, null);

            assertThat(directory.roles.list(main().id()))
                    .extracting(Role::name)
                    .containsExactlyInAnyOrder("workspace-admin", "user", "auditor", "group-admin", "group-member");
            assertThat(directory.roles.list(main().id())).allMatch(Role::builtIn);
        }

        @Test
        void theAdminHoldsEveryPermissionThroughTheResolver() {
            Principal admin = bootstrap.bootstrapIfEmpty(ADMIN_HASH, null).orElseThrow();

            EffectivePermissions held = kit.resolver.of(main().id(), admin.id());

            assertThat(held.isWorkspaceAdmin()).isTrue();
            assertThat(held.workspacePermissions()).containsExactlyInAnyOrderElementsOf(Permission.warden());
        }

        @Test
        void auditsTheBootstrapWithoutAnyToken() {
            Principal admin = bootstrap.bootstrapIfEmpty(ADMIN_HASH, null).orElseThrow();

            assertThat(audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.WORKSPACE_BOOTSTRAPPED);
                assertThat(event.workspace()).isEqualTo(main().id());
                assertThat(event.occurredAt()).isEqualTo(clock.instant());
                assertThat(event.actorId()).isNull();
                assertThat(event.targetType()).isEqualTo("principal");
                assertThat(event.targetId()).isEqualTo(admin.id().toString());
                assertThat(event.details())
                        .containsEntry("workspace", "main")
                        .containsEntry("admin", "admin")
                        .containsEntry("admin_token", "false");
                assertThat(event.details().values()).noneMatch(value -> value.contains(ADMIN_HASH));
            });
            assertThat(tokens.all()).isEmpty();
        }

        @Test
        void writesEverythingInsideATransaction() {
            bootstrap.bootstrapIfEmpty(ADMIN_HASH, Tokens.aValue());

            assertThat(writesOutsideTransaction).isEmpty();
            assertThat(audit.events()).hasSize(2);
        }
    }

    @Nested
    class WithAnAdminTokenValue {
        private final String value = Tokens.aValue();

        @Test
        void storesThatExactTokenForTheAdminWithoutExpiry() {
            Principal admin = bootstrap.bootstrapIfEmpty(ADMIN_HASH, value).orElseThrow();

            AccessToken token = tokens.findByDigest(TokenDigest.of(value)).orElseThrow();
            assertThat(token.workspace()).isEqualTo(main().id());
            assertThat(token.owner()).isEqualTo(admin.id());
            assertThat(token.expiresAt()).isNull();
            assertThat(token.scopes()).containsExactly(Scope.ALL_APIS);
            assertThat(tokens.all()).hasSize(1);
        }

        @Test
        void theTokenAuthenticatesAsTheAdmin() {
            Principal admin = bootstrap.bootstrapIfEmpty(ADMIN_HASH, value).orElseThrow();
            clock.advance(Duration.ofDays(3650));

            var decision = kit.decisions.evaluate(value);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.owner()).isEqualTo(admin);
        }

        @Test
        void auditsThatATokenWasStoredButNeverItsValue() {
            bootstrap.bootstrapIfEmpty(ADMIN_HASH, value);

            assertThat(audit.events())
                    .extracting(AuditEvent::action)
                    .containsExactly(AuditAction.WORKSPACE_BOOTSTRAPPED, AuditAction.TOKEN_CREATED);
            assertThat(audit.eventsWith(AuditAction.WORKSPACE_BOOTSTRAPPED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details()).containsEntry("admin_token", "true"));
            assertThat(audit.events())
                    .allSatisfy(event ->
                            assertThat(event.toString()).doesNotContain(value).doesNotContain(value.substring(4, 47)));
        }
    }

    @Nested
    class WhenAWorkspaceAlreadyExists {
        @Test
        void aSecondCallChangesNothingAndReturnsEmpty() {
            bootstrap.bootstrapIfEmpty(ADMIN_HASH, Tokens.aValue());
            List<Principal> principalsBefore = principals.all();
            int tokensBefore = tokens.size();
            int auditBefore = audit.events().size();
            String secondValue = Tokens.aValue();

            Optional<Principal> result = bootstrap.bootstrapIfEmpty("{noop}other", secondValue);

            assertThat(result).isEmpty();
            assertThat(workspaces.all()).hasSize(1);
            assertThat(principals.all()).isEqualTo(principalsBefore);
            assertThat(tokens.size()).isEqualTo(tokensBefore);
            assertThat(tokens.findByDigest(TokenDigest.of(secondValue))).isEmpty();
            assertThat(audit.events()).hasSize(auditBefore);
        }

        /**
         * Two nodes starting together on an empty database: both read it empty, the other node's insert of "main"
         * wins. This one writes nothing (no second admin, no audit record, no token) and returns empty.
         */
        @Test
        void theLoserOfTheRaceToCreateMainWritesNothing() {
            InMemoryWorkspaceRepository raced = new InMemoryWorkspaceRepository() {
                @Override
                public synchronized boolean isEmpty() {
                    return true; // read before the other node's insert
                }
            };
            raced.create("main");
            WorkspaceBootstrap loser = new WorkspaceBootstrap(
                    raced,
                    principals,
                    directory.entitlements,
                    directory.roles,
                    directory.assignments,
                    kit.tokenService,
                    audit,
                    kit.tx,
                    kit.versions,
                    clock);

            assertThat(loser.bootstrapIfEmpty(ADMIN_HASH, Tokens.aValue())).isEmpty();

            assertThat(raced.all()).hasSize(1);
            assertThat(principals.all()).isEmpty();
            assertThat(tokens.all()).isEmpty();
            assertThat(audit.events()).isEmpty();
        }

        @Test
        void doesNothingWhenAnotherWorkspaceWasCreatedFirst() {
            workspaces.create("acme");

            assertThat(bootstrap.bootstrapIfEmpty(ADMIN_HASH, Tokens.aValue())).isEmpty();

            assertThat(workspaces.findByName("main")).isEmpty();
            assertThat(principals.all()).isEmpty();
            assertThat(tokens.all()).isEmpty();
            assertThat(audit.events()).isEmpty();
        }
    }
}
