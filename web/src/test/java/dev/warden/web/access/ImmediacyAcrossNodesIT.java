package dev.warden.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleService;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.persistence.EmbeddedMariaDb;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.RunningWarden;
import dev.warden.web.support.TestData;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Warden nodes on one MariaDB (DESIGN, "Request cost"; README, "Request cost and caching"): a change made through
 * node A is honoured by node B on its very next request, although B answered the same token a moment before from
 * what it had resolved (its cache is warm). Nothing tells B: the change moved the workspace's authorisation version,
 * which B reads with the token, or it changed the token row itself, which B reads on every request.
 */
class ImmediacyAcrossNodesIT {
    private static final String LIST = "/api/2.0/token/list";
    private static final String ADMIN_TOKEN =
            new TokenFormat("wdn_").generate(new SecureRandom()).reveal();

    private static RunningWarden nodeA;
    private static RunningWarden nodeB;

    private TestData onA;
    private Actor admin;
    private ApiClient apiA;
    private ApiClient apiB;

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        String database = EmbeddedMariaDb.newDatabase("two_nodes");
        // A first: it bootstraps the empty database; B finds it bootstrapped.
        nodeA = start(database);
        nodeB = start(database);
    }

    private static RunningWarden start(String database) {
        return RunningWarden.startOn(
                database,
                EmbeddedMariaDb.username(),
                EmbeddedMariaDb.password(),
                "warden.bootstrap.admin-password=two-nodes-password",
                "warden.bootstrap.admin-token=" + ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @BeforeEach
    void setUp() {
        onA = TestData.of(nodeA.context());
        admin = onA.admin();
        apiA = new ApiClient(nodeA.port());
        apiB = new ApiClient(nodeB.port());
    }

    /** B answers the token (twice, so from its cache the second time), A makes the change, B refuses at once. */
    private void assertHonouredByBAtOnce(String token, Runnable changeThroughA, int status, String reason) {
        for (int i = 0; i < 2; i++) {
            assertThat(apiB.get(LIST, token).status())
                    .as("node B before the change")
                    .isEqualTo(200);
        }

        changeThroughA.run();

        Response next = apiB.get(LIST, token);
        assertThat(next.status()).as("node B's next request: %s", next.body()).isEqualTo(status);
        assertThat(next.reason()).isEqualTo(reason);
    }

    private <T> T onA(Class<T> service) {
        return nodeA.bean(service);
    }

    private String tokenIdOf(String token) {
        return apiA.get(LIST, token)
                .json()
                .path("token_infos")
                .get(0)
                .path("token_id")
                .asString();
    }

    @Test
    void aRevocation() {
        String token = onA.token(onA.user("nodes-revoked", BuiltInRole.USER));
        String id = tokenIdOf(token);

        assertHonouredByBAtOnce(
                token,
                () -> assertThat(apiA.post("/api/2.0/token/revoke", token, "{\"token_id\":\"" + id + "\"}")
                                .status())
                        .isEqualTo(200),
                401,
                "TOKEN_REVOKED");
    }

    @Test
    void aDeletion() {
        String token = onA.token(onA.user("nodes-deleted", BuiltInRole.USER));
        String id = tokenIdOf(token);

        assertHonouredByBAtOnce(
                token,
                () -> assertThat(apiA.post("/api/2.0/token/delete", token, "{\"token_id\":\"" + id + "\"}")
                                .status())
                        .isEqualTo(200),
                401,
                "TOKEN_UNKNOWN");
    }

    @Test
    void aRoleRemoved() {
        Principal owner = onA.user("nodes-role-removed", BuiltInRole.USER);
        String token = onA.token(owner);

        assertHonouredByBAtOnce(token, () -> onA.unassign(BuiltInRole.USER, owner), 403, "ROLE_LACKS_PERMISSION");
    }

    @Test
    void aPermissionRemovedFromARole() {
        Principal owner = onA.user("nodes-permission-removed");
        Role reader = onA.customRole(
                TestData.unique("nodes-reader"), Permission.TOKENS_READ, Permission.TOKENS_WRITE, Permission.SCIM_READ);
        onA.assign(reader, owner, null);
        String token = onA.token(owner);

        assertHonouredByBAtOnce(
                token,
                () -> onA(RoleService.class).update(admin, reader.id(), null, null, Set.of(Permission.SCIM_READ)),
                403,
                "ROLE_LACKS_PERMISSION");
    }

    @Test
    void aGroupMembershipRemoved() {
        Principal owner = onA.userWithoutTokenUsage("nodes-member", BuiltInRole.USER);
        Group group = onA.group(TestData.unique("nodes-token-users"), owner);
        onA.grantTokenUsage(group);
        String token = onA.token(owner);

        assertHonouredByBAtOnce(
                token,
                () -> onA(GroupService.class).removeMembers(admin, group.id(), List.of(owner.id())),
                403,
                "NO_TOKEN_USAGE_PERMISSION");
    }

    @Test
    void anEntryRemovedFromTheTokenUsageList() {
        Principal owner = onA.userWithoutTokenUsage("nodes-usage", BuiltInRole.USER);
        onA.grantTokenUsage(owner);
        String token = onA.token(owner);
        TokenUsageService usage = onA(TokenUsageService.class);

        assertHonouredByBAtOnce(
                token,
                () -> usage.replace(
                        admin,
                        usage.entries(admin).stream()
                                .filter(entry -> !owner.id().equals(entry.principal()))
                                .toList()),
                403,
                "NO_TOKEN_USAGE_PERMISSION");
    }

    @Test
    void tokensSwitchedOff() {
        TestData.OtherWorkspace workspace = onA.otherWorkspace();

        assertHonouredByBAtOnce(
                workspace.adminToken(),
                () -> onA(SettingsService.class)
                        .update(
                                Actor.of(workspace.admin(), "127.0.0.1"),
                                Map.of(SettingsService.ENABLE_TOKENS, "false")),
                403,
                "TOKENS_DISABLED");
    }

    @Test
    void theOwnerDeactivated() {
        Principal owner = onA.user("nodes-deactivated", BuiltInRole.USER);
        String token = onA.token(owner);
        Consumer<Principal> deactivate =
                principal -> onA(DirectoryService.class).setActive(admin, PrincipalKind.USER, principal.id(), false);

        assertHonouredByBAtOnce(token, () -> deactivate.accept(owner), 401, "OWNER_INACTIVE");
    }
}
