package dev.warden.core.access;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision chain with a cache of what it resolved per workspace, authorisation version and owner (DESIGN,
 * "Request cost"): a warm request resolves nothing, and every change a service makes is honoured by the very next
 * request, although the cache still holds the entry of the version before.
 */
class CachedDecisionChainTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final MapAuthorizationCache cache = new MapAuthorizationCache();
    private final DecisionChain chain = new DecisionChain(
            kit.format, kit.tokens, kit.directory.principals, kit.resolver, kit.settings, kit.usage, cache, kit.clock);
    private final Actor admin = kit.asAdmin();

    /** Reads tokens through a custom role, and may use tokens as a member of ops. */
    private final Principal alice = kit.user("alice");

    private final Group ops = kit.group("ops", alice);
    private final Role reader = kit.directory.roles.save(Role.custom(
            WORKSPACE, "reader", "", Set.of(Permission.TOKENS_READ, Permission.TOKENS_WRITE, Permission.SCIM_READ)));
    private final RoleAssignment readerOfAlice =
            kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, reader.id(), alice.id(), null));
    private final Tokens.Builder aliceToken = Tokens.aToken()
            .inWorkspace(WORKSPACE)
            .ownedBy(alice.id())
            .createdAt(kit.clock.instant().minus(Duration.ofDays(1)))
            .withScopes(new Scope("tokens:read"));
    private final AccessToken token = kit.store(aliceToken);

    {
        kit.acl.grant(WORKSPACE, TokenUsageEntry.forGroup(ops.id(), TokenUsageLevel.CAN_USE));
    }

    private Decision request() {
        return chain.evaluate(aliceToken.value(), Permission.TOKENS_READ);
    }

    @BeforeEach
    void warm() {
        assertThat(request().allowed()).isTrue();
        assertThat(cache.misses()).isEqualTo(1);
    }

    private void assertNextRequestRefused(DenialReason reason) {
        Decision next = request();

        assertThat(next.allowed()).isFalse();
        assertThat(next.denial().reason()).isEqualTo(reason);
    }

    @Test
    void aWarmRequestResolvesNothingAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(request().allowed()).isTrue();
        }

        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aWarmRequestIsTheSameDecisionWithTheSameTrace() {
        Decision cold = chain.evaluateStored(token);
        Decision warm = request();

        assertThat(warm.owner()).isEqualTo(alice);
        assertThat(warm.ownerPermissions()).isEqualTo(kit.resolver.of(alice));
        assertThat(warm.trace().subList(3, 8)).isEqualTo(cold.trace().subList(3, 8));
        assertThat(warm.trace())
                .extracting(StepOutcome::detail)
                .endsWith(
                        "'tokens:read' granted by reader",
                        "'tokens:read' is within the token's scope 'tokens:read'" + " (scopes: tokens:read)");
    }

    @Test
    void aRevocationWithoutAnyVersionChange() {
        kit.tokenService.revoke(CoreTestKit.as(alice), token.id());
        assertThat(kit.versions.current(WORKSPACE)).isZero();

        assertNextRequestRefused(DenialReason.TOKEN_REVOKED);
    }

    @Test
    void aDeletionWithoutAnyVersionChange() {
        kit.tokenService.delete(CoreTestKit.as(alice), token.id());
        assertThat(kit.versions.current(WORKSPACE)).isZero();

        assertNextRequestRefused(DenialReason.TOKEN_UNKNOWN);
    }

    @Test
    void aRoleRemoved() {
        kit.roleService.unassign(admin, readerOfAlice.id());

        assertNextRequestRefused(DenialReason.ROLE_LACKS_PERMISSION);
    }

    @Test
    void aPermissionRemovedFromARole() {
        kit.roleService.update(admin, reader.id(), null, null, Set.of(Permission.SCIM_READ));

        assertNextRequestRefused(DenialReason.ROLE_LACKS_PERMISSION);
    }

    @Test
    void aGroupMembershipRemoved() {
        kit.groupService.removeMembers(admin, ops.id(), List.of(alice.id()));

        assertNextRequestRefused(DenialReason.NO_TOKEN_USAGE_PERMISSION);
    }

    @Test
    void anEntryRemovedFromTheTokenUsageList() {
        kit.tokenUsageService.replace(admin, List.of());

        assertNextRequestRefused(DenialReason.NO_TOKEN_USAGE_PERMISSION);
    }

    @Test
    void tokensSwitchedOff() {
        kit.settingsService.update(admin, Map.of(SettingsService.ENABLE_TOKENS, "false"));

        assertNextRequestRefused(DenialReason.TOKENS_DISABLED);
    }

    @Test
    void theOwnerDeactivated() {
        kit.directoryService.setActive(admin, PrincipalKind.USER, alice.id(), false);

        assertNextRequestRefused(DenialReason.OWNER_INACTIVE);
    }

    @Test
    void aGrantIsHonouredAsSoonAsARefusal() {
        kit.tokenUsageService.replace(admin, List.of());
        assertNextRequestRefused(DenialReason.NO_TOKEN_USAGE_PERMISSION);

        kit.tokenUsageService.patch(admin, List.of(TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE)));

        assertThat(request().allowed()).isTrue();
    }

    @Test
    void aChangeInAnotherWorkspaceLeavesThisOnesEntriesWarm() {
        Principal elsewhere = kit.principalIn(CoreTestKit.OTHER_WORKSPACE, kit.admin, BuiltInRole.WORKSPACE_ADMIN);
        kit.settingsService.update(CoreTestKit.as(elsewhere), Map.of(SettingsService.ENABLE_TOKENS, "false"));

        assertThat(request().allowed()).isTrue();
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void checkAccessResolvesAfreshWithoutTheCache() {
        AccessCheckService checks = new AccessCheckService(
                kit.tokens,
                kit.directory.principals,
                chain,
                kit.resolver,
                kit.access,
                kit.audit,
                kit.services,
                kit.refusals);
        kit.directory.assignments.delete(WORKSPACE, readerOfAlice.id()); // no version change: only check access sees it

        Decision checked = checks.check(admin, token.id(), Permission.TOKENS_READ, null);

        assertThat(checked.denial().reason()).isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);

        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aRefusalAtTheRoleOrScopeStepIsAnsweredFromTheCacheToo() {
        assertThat(chain.evaluate(aliceToken.value(), Permission.SETTINGS_READ)
                        .denial()
                        .reason())
                .isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);
        assertThat(chain.evaluate(aliceToken.value(), Permission.SCIM_READ)
                        .denial()
                        .reason())
                .isEqualTo(DenialReason.SCOPE_MISSING);

        assertThat(cache.misses()).isEqualTo(1);
    }
}
