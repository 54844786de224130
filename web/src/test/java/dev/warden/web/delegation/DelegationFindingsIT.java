package dev.warden.web.delegation;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.TestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestData.OtherWorkspace;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The nine ways Warden's own administration could be turned against it (issue 10), each tried again over real HTTP
 * as the attacker tried it: every one is refused with 403 (or 400 for a state rule), says which rule refused, and
 * changes nothing.
 */
@WardenSpringBootTest
class DelegationFindingsIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    @Autowired
    TokenRepository tokens;

    private ApiClient api;
    private TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    /** A user holding one custom role of exactly these permissions, allowed to use tokens; its token. */
    private String tokenOfCustomRole(String prefix, Permission... permissions) {
        Principal holder = testData.user(prefix);
        Role role = testData.customRole(unique(prefix + "-role"), permissions);
        testData.assign(role, holder, null);
        return testData.token(holder);
    }

    private static String tokenIdOf(String secret, ApiClient api) {
        return api.get("/api/2.0/token/list", secret)
                .json()
                .path("token_infos")
                .get(0)
                .path("token_id")
                .asString();
    }

    @Test
    void finding1_aTokenManagerCannotRotateAnAdminsTokenAndActAsTheAdmin() {
        String manager = tokenOfCustomRole(
                "token-manager",
                Permission.TOKENS_READ,
                Permission.TOKENS_WRITE,
                Permission.TOKEN_MANAGEMENT_READ,
                Permission.TOKEN_MANAGEMENT_WRITE);
        Principal admin = testData.user("rotated-admin", BuiltInRole.WORKSPACE_ADMIN);
        String adminSecret = testData.token(admin);
        String adminTokenId = tokenIdOf(adminSecret, api);

        Response refused = api.post(
                "/api/2.0/token-management/tokens/" + adminTokenId + "/rotate",
                manager,
                "{\"grace_period_seconds\": 3600}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(refused.reason()).isEqualTo("SECRET_BEYOND_ACTOR");
        assertThat(refused.json().path("message").asString())
                .contains("does not hold")
                .contains("settings:read")
                .contains("which this token can exercise");
        assertThat(refused.body()).doesNotContain("token_value");
        assertThat(api.get("/api/2.0/workspace-conf", adminSecret).status())
                .as("the admin's secret is unchanged")
                .isEqualTo(200);
        assertThat(audit.history(testData.main().id(), "token", adminTokenId, 10))
                .extracting(AuditEvent::action)
                .doesNotContain(AuditAction.TOKEN_ROTATED);

        // The same manager may rotate a token that can do no more than the manager itself holds.
        Principal user = testData.user("rotated-user", BuiltInRole.USER);
        String userSecret = context.getBean(TokenService.class)
                .create(Actor.of(user, "127.0.0.1"), new CreateTokenCommand("narrow", null, List.of("tokens:read")))
                .secret()
                .reveal();
        Response rotated =
                api.post("/api/2.0/token-management/tokens/" + tokenIdOf(userSecret, api) + "/rotate", manager, "{}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("token_value").asString()).startsWith("wdn_");
    }

    @Test
    void finding2_aTokenManagerCannotMintATokenForAServicePrincipalThatHoldsWorkspaceAdmin() {
        String manager = tokenOfCustomRole(
                "obo-manager",
                Permission.TOKENS_READ,
                Permission.TOKENS_WRITE,
                Permission.TOKEN_MANAGEMENT_READ,
                Permission.TOKEN_MANAGEMENT_WRITE);
        Principal robot = testData.servicePrincipal(unique("admin-robot"));
        testData.assign(testData.builtIn(BuiltInRole.WORKSPACE_ADMIN), robot, null);
        testData.grantTokenUsage(robot);

        Response refused = api.post(
                "/api/2.0/token-management/on-behalf-of/tokens",
                manager,
                json(
                        "{'application_id': '%s', 'comment': 'escalate', 'lifetime_seconds': 3600}",
                        robot.applicationId()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.reason()).isEqualTo("SECRET_BEYOND_ACTOR");
        assertThat(refused.json().path("message").asString()).contains("settings:write");
        assertThat(tokens.listByOwner(robot.workspace(), robot.id()))
                .as("no token was made")
                .isEmpty();

        // A narrow scope within what the manager holds is fine.
        Response narrow = api.post(
                "/api/2.0/token-management/on-behalf-of/tokens",
                manager,
                json(
                        "{'application_id': '%s', 'comment': 'narrow', 'scopes': ['tokens:read']}",
                        robot.applicationId()));
        assertThat(narrow.status()).isEqualTo(200);
        assertThat(api.get(
                                "/api/2.0/workspace-conf",
                                narrow.json().path("token_value").asString())
                        .reason())
                .isEqualTo("SCOPE_MISSING");
    }

    @Test
    void finding3_rolesWriteAloneCannotWidenItsOwnPower() {
        Principal holder = testData.user("roles-writer");
        Role own = testData.customRole(unique("roles-writers"), Permission.ROLES_READ, Permission.ROLES_WRITE);
        testData.assign(own, holder, null);
        String token = testData.token(holder);
        long adminRole = testData.builtIn(BuiltInRole.WORKSPACE_ADMIN).id().value();

        Response assignAdmin = api.post(
                "/api/2.0/role-assignments",
                token,
                json(
                        "{'role_id': %d, 'principal_id': %d}",
                        adminRole, holder.id().value()));
        Response everything = api.post(
                "/api/2.0/roles",
                token,
                json(
                        "{'name': '%s', 'permissions': [%s]}",
                        unique("everything"),
                        String.join(
                                ", ",
                                Permission.warden().stream()
                                        .map(p -> "\"" + p.key() + "\"")
                                        .toList())));
        Response takeEverything = api.post(
                "/api/2.0/role-assignments",
                token,
                json(
                        "{'role_id': %d, 'principal_id': %d}",
                        everything.json().path("id").asLong(), holder.id().value()));
        Response widenOwn = api.send(
                "PATCH",
                "/api/2.0/roles/" + own.id().value(),
                token,
                "application/json",
                json("{'permissions': ['roles:read', 'roles:write', 'settings:read']}"));

        assertThat(assignAdmin.status()).isEqualTo(403);
        assertThat(assignAdmin.reason()).isEqualTo("GRANT_BEYOND_ACTOR");
        assertThat(everything.status())
                .as("a role nobody holds grants nothing: " + everything)
                .isEqualTo(200);
        assertThat(takeEverything.status()).isEqualTo(403);
        assertThat(takeEverything.reason()).isEqualTo("GRANT_BEYOND_ACTOR");
        assertThat(widenOwn.status()).isEqualTo(403);
        assertThat(widenOwn.reason()).isEqualTo("GRANT_BEYOND_ACTOR");
        assertThat(widenOwn.json().path("message").asString()).contains("settings:read");
        assertThat(api.get("/api/2.0/workspace-conf", token).reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        assertThat(api.get("/api/2.0/roles/" + own.id().value(), token)
                        .json()
                        .path("permissions")
                        .toString())
                .doesNotContain("settings:read");
    }

    @Test
    void finding4_theLastAdminWhoCanSignInStaysEvenWhenAnOrganisationTokenHoldsWorkspaceAdmin() {
        OtherWorkspace other = testData.otherWorkspace(); // its one admin can sign in to the console
        WorkspaceId workspace = other.workspace().id();
        Principal human = other.admin();
        Principal apiAdmin = testData.userWithoutTokenUsage(
                workspace, "api-only-admin", BuiltInRole.WORKSPACE_ADMIN); // no console password
        String apiAdminToken = testData.token(apiAdmin);
        Response organisation = api.post(
                "/api/2.0/token-management/organisation-tokens",
                other.adminToken(),
                json("{'comment': 'automation', 'lifetime_seconds': 3600, 'role': 'workspace-admin'}"));
        assertThat(organisation.status()).as(organisation.toString()).isEqualTo(200);
        String deactivate = json("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                + " 'Operations': [{'op': 'replace', 'path': 'active', 'value': false}]}");

        Response byApiAdmin = api.send(
                "PATCH", "/api/2.0/preview/scim/v2/Users/" + human.id(), apiAdminToken, "application/json", deactivate);
        Response byOrganisationToken = api.send(
                "PATCH",
                "/api/2.0/preview/scim/v2/Users/" + human.id(),
                organisation.json().path("token_value").asString(),
                "application/json",
                deactivate);
        Response deleted =
                api.send("DELETE", "/api/2.0/preview/scim/v2/Users/" + human.id(), apiAdminToken, null, null);

        assertThat(byApiAdmin.status()).as(byApiAdmin.toString()).isEqualTo(400);
        assertThat(byApiAdmin.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(byApiAdmin.json().path("message").asString()).contains("who can sign in");
        assertThat(byOrganisationToken.status()).isEqualTo(400);
        assertThat(deleted.status()).isEqualTo(400);
        assertThat(context.getBean(PrincipalRepository.class)
                        .findById(workspace, human.id())
                        .orElseThrow()
                        .active())
                .isTrue();
        assertThat(audit.history(workspace, "user", String.valueOf(human.id()), 10))
                .isEmpty();
    }

    @Test
    void finding5_anOwnerCannotRestoreWhatAnAdminOrAnIncidentRevoked() {
        Principal owner = testData.user("restorer", BuiltInRole.USER);
        String caller = testData.token(owner);
        String byAdmin = testData.token(owner);
        String byIncident = testData.token(owner);
        String adminRevoked = idOf(owner, byAdmin);
        String incidentRevoked = idOf(owner, byIncident);
        String admin = WardenSpringBootTest.ADMIN_TOKEN;

        Response revoked = api.post("/api/2.0/token-management/tokens/" + adminRevoked + "/revoke", admin, "{}");
        assertThat(revoked.json()
                        .path("token_info")
                        .path("revocation_authority")
                        .asString())
                .isEqualTo("ADMIN");
        assertThat(revoked.json().path("token_info").path("revoked_by").asLong())
                .isPositive();
        Response bulk = api.post(
                "/api/2.0/token-management/tokens/bulk-revoke",
                admin,
                json(
                        "{'owner_id': %d, 'reason': 'leaked in a build log'}",
                        owner.id().value()));
        assertThat(bulk.status()).isEqualTo(200);
        // The bulk revoke took the caller's token too: give the owner a fresh one to ask with.
        String fresh = testData.token(owner);

        Response restoreAdmins = api.post("/api/2.0/token/restore", fresh, json("{'token_id': '%s'}", adminRevoked));
        Response restoreIncident =
                api.post("/api/2.0/token/restore", fresh, json("{'token_id': '%s'}", incidentRevoked));
        Response list = api.get("/api/2.0/token/list", fresh);

        assertThat(restoreAdmins.status()).isEqualTo(403);
        assertThat(restoreAdmins.reason()).isEqualTo("REVOCATION_AUTHORITY");
        assertThat(restoreIncident.status()).isEqualTo(403);
        assertThat(restoreIncident.json().path("message").asString()).contains("INCIDENT");
        assertThat(api.get("/api/2.0/token/list", byAdmin).reason()).isEqualTo("TOKEN_REVOKED");
        assertThat(api.get("/api/2.0/token/list", byIncident).reason()).isEqualTo("TOKEN_REVOKED");
        assertThat(list.body()).contains("\"revocation_authority\":\"INCIDENT\"", "\"revocation_authority\":\"ADMIN\"");
        assertThat(api.get("/api/2.0/token/list", caller).reason()).isEqualTo("TOKEN_REVOKED");
        // What the owner revoked itself, it restores.
        String own = idOf(owner, fresh);
        assertThat(api.post("/api/2.0/token/revoke", fresh, json("{'token_id': '%s'}", own))
                        .status())
                .isEqualTo(200);
        String another = testData.token(owner);
        assertThat(api.post("/api/2.0/token/restore", another, json("{'token_id': '%s'}", own))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void finding6_anAdminDeactivatingItselfIsRefusedAndNothingIsCommitted() {
        Principal admin = testData.user("self-deactivating", BuiltInRole.WORKSPACE_ADMIN);
        String token = testData.token(admin);

        Response refused = api.send(
                "PATCH",
                "/api/2.0/preview/scim/v2/Users/" + admin.id(),
                token,
                "application/json",
                json("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                        + " 'Operations': [{'op': 'replace', 'path': 'active', 'value': false}]}"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(refused.json().path("message").asString()).contains("cannot deactivate itself");
        assertThat(api.get("/api/2.0/preview/scim/v2/Me", token)
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
        assertThat(audit.history(admin.workspace(), "user", String.valueOf(admin.id()), 10))
                .isEmpty();
    }

    @Test
    void finding7_fiftyParallelCreatesAgainstAQuotaOfFiveGiveExactlyFive() throws Exception {
        OtherWorkspace other = testData.otherWorkspace();
        assertThat(api.send(
                                "PATCH",
                                "/api/2.0/workspace-conf",
                                other.adminToken(),
                                "application/json",
                                "{\"tokenQuotaPerPrincipal\": \"5\"}")
                        .status())
                .isEqualTo(200);
        Principal owner = testData.user(other.workspace().id(), "quota", BuiltInRole.USER);
        String token = testData.token(owner); // the first of its five

        List<Response> answers = inParallel(
                50,
                i -> api.post(
                        "/api/2.0/token/create",
                        token,
                        json("{'comment': 'parallel %d', 'lifetime_seconds': 3600}", i)));

        assertThat(answers.stream().filter(r -> r.status() == 200).count()).isEqualTo(4);
        assertThat(answers.stream().filter(r -> r.status() != 200))
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("QUOTA_EXCEEDED"));
        assertThat(tokens.listByOwner(other.workspace().id(), owner.id())).hasSize(5);
    }

    @Test
    void finding8_parallelRevokeAndRestoreOfOneTokenReplayAsOneSerialOrder() throws Exception {
        Principal owner = testData.user("flapping", BuiltInRole.USER);
        String caller = testData.token(owner);
        String target = testData.token(owner);
        String id = idOf(owner, target);

        List<Response> answers = inParallel(
                20,
                i -> api.post(
                        i % 2 == 0 ? "/api/2.0/token/revoke" : "/api/2.0/token/restore",
                        caller,
                        json("{'token_id': '%s'}", id)));

        assertThat(answers)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 400));
        List<AuditEvent> transitions = new ArrayList<>(audit.history(owner.workspace(), "token", id, 100));
        Collections.reverse(transitions); // oldest first
        boolean revoked = false;
        for (AuditEvent event : transitions) {
            if (event.action() == AuditAction.TOKEN_REVOKED) {
                assertThat(revoked).as("a revoke of an active token").isFalse();
                revoked = true;
            } else if (event.action() == AuditAction.TOKEN_RESTORED) {
                assertThat(revoked).as("a restore of a revoked token").isTrue();
                revoked = false;
            }
        }
        assertThat(transitions).extracting(AuditEvent::action).contains(AuditAction.TOKEN_REVOKED);
        assertThat(tokens.findById(owner.workspace(), new dev.warden.core.token.TokenId(id))
                        .orElseThrow()
                        .isRevoked())
                .as("the stored state is where the audit trail ends")
                .isEqualTo(revoked);
        long revokes = answers.stream()
                .filter(r -> r.status() == 200 && r.body().contains("REVOKED"))
                .count();
        assertThat(transitions.stream()
                        .filter(e -> e.action() == AuditAction.TOKEN_REVOKED)
                        .count())
                .isLessThanOrEqualTo(revokes);
    }

    @Test
    void finding9_aGroupAdminWithoutTokenUsageGetsNoGroupTokenInTheConsole() {
        String password = "group-admin-password-9";
        Principal groupAdmin = testData.consoleUser(unique("no-usage-lead"), password);
        Group group = testData.group(unique("no-usage-squad"));
        testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), groupAdmin, group);
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn(groupAdmin.userName(), password)).isEqualTo("/");
        String tab = "/settings/admin/groups/" + group.id() + "/tokens";

        HttpResponse<String> refused = console.postForm(
                tab,
                Map.of(
                        "name",
                        unique("squad-bot"),
                        "expirationDate",
                        LocalDate.now(ZoneOffset.UTC).plusDays(3).toString(),
                        "scopes",
                        "scim:read",
                        "role",
                        "group-member"),
                true);

        assertThat(refused.body()).doesNotContainPattern("wdn_[0-9A-Za-z]{49}").contains("may not use tokens");
        assertThat(tokens.search(
                        group.workspace(),
                        dev.warden.core.token.TokenFilter.ofGroup(group.id(), java.time.Instant.now()),
                        null,
                        10))
                .isEmpty();
    }

    private String idOf(Principal owner, String secret) {
        return tokens.findByDigest(dev.warden.core.token.TokenDigest.of(secret))
                .orElseThrow()
                .id()
                .value();
    }

    private interface Call {
        Response call(int index);
    }

    /** Sends {@code count} requests at once (released together), waits at most 60 s, answers them in order. */
    private static List<Response> inParallel(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
