package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The token-management API (Databricks dialect plus revoke, restore, rotate) over real HTTP, with its errors. */
@WardenSpringBootTest
class TokenManagementApiIT {
    static final String BASE = "/api/2.0/token-management";
    static final String TOKENS = BASE + "/tokens";
    static final String OBO = BASE + "/on-behalf-of/tokens";
    static final String OWN_LIST = "/api/2.0/token/list";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    RoleRepository roles;

    @Autowired
    RoleAssignmentRepository assignments;

    @Autowired
    TokenService tokenService;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    ApiClient api;
    TestData testData;
    WorkspaceId main;
    Principal admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
        main = testData.main().id();
        admin = principals.findByUserName(main, "admin").orElseThrow();
    }

    @Nested
    class OnBehalfOf {
        @Test
        void createsATokenOwnedByTheServicePrincipalAndCreatedByTheAdmin() {
            Principal sp = servicePrincipal(true);

            Response created = api.post(
                    OBO,
                    ADMIN_TOKEN,
                    json(
                            "{'application_id':'%s','comment':'deploy bot',"
                                    + "'lifetime_seconds':3600,'scopes':['tokens:read']}",
                            sp.applicationId()));

            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.header("Cache-Control")).contains("no-store");
            String value = created.json().path("token_value").asString();
            assertThat(value).startsWith("wdn_");
            JsonNode info = created.json().path("token_info");
            assertThat(info.path("owner_id").isIntegralNumber()).isTrue();
            assertThat(info.path("owner_id").asLong()).isEqualTo(sp.id().value());
            assertThat(info.path("created_by_id").asLong()).isEqualTo(admin.id().value());
            assertThat(info.path("created_by_username").asString()).isEqualTo("admin");
            assertThat(info.path("workspace_id").asLong()).isEqualTo(main.value());
            assertThat(info.path("kind").asString()).isEqualTo("ON_BEHALF_OF");
            assertThat(info.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(info.path("comment").asString()).isEqualTo("deploy bot");
            assertThat(info.path("expiry_time").asLong()
                            - info.path("creation_time").asLong())
                    .isEqualTo(3_600_000L);
            assertThat(info.path("scopes").toString()).isEqualTo("[\"tokens:read\"]");

            Response own = api.get(OWN_LIST, value);
            assertThat(own.status()).as(own.toString()).isEqualTo(200);
            assertThat(ids(own)).contains(info.path("token_id").asString());
        }

        @Test
        void aServicePrincipalWithoutTokenUsageIsRefusedWithTheReasonAndHowToGrantIt() {
            Principal sp = servicePrincipal(false);

            Response refused = api.post(OBO, ADMIN_TOKEN, json("{'application_id':'%s'}", sp.applicationId()));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
            assertThat(refused.json().path("message").asString())
                    .contains("does not have permission to use tokens")
                    .contains("PATCH /api/2.0/permissions/authorization/tokens")
                    .doesNotContain("not enabled for this workspace");
        }

        @Test
        void anUnknownApplicationIdIsABadRequestNamingTheField() {
            Response refused = api.post(OBO, ADMIN_TOKEN, json("{'application_id':'%s'}", UUID.randomUUID()));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(refused.body()).contains("application_id");
        }

        @Test
        void aMissingApplicationIdIsABadRequestNamingTheField() {
            Response refused = api.post(OBO, ADMIN_TOKEN, "{}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("application_id");
        }

        @Test
        void aNonAdminIsRefused() {
            Principal sp = servicePrincipal(true);
            String user = testData.token(testData.user("plain", BuiltInRole.USER));

            Response refused = api.post(OBO, user, json("{'application_id':'%s'}", sp.applicationId()));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        }
    }

    @Nested
    class Reading {
        @Test
        void getWrapsTheTokenInfo() {
            Principal user = testData.user("owner", BuiltInRole.USER);
            String id = personalToken(user, "read me");

            Response got = api.get(TOKENS + "/" + id, ADMIN_TOKEN);

            assertThat(got.status()).as(got.toString()).isEqualTo(200);
            JsonNode info = got.json().path("token_info");
            assertThat(info.path("token_id").asString()).isEqualTo(id);
            assertThat(info.path("owner_id").asLong()).isEqualTo(user.id().value());
            assertThat(info.path("created_by_id").asLong()).isEqualTo(user.id().value());
            assertThat(info.path("created_by_username").asString()).isEqualTo(user.userName());
            assertThat(info.path("kind").asString()).isEqualTo("PERSONAL");
            assertThat(got.body()).doesNotContain("token_value");
        }

        @Test
        void anUnknownIdIsNotFound() {
            Response got = api.get(TOKENS + "/0123456789abcdef0123456789abcdef", ADMIN_TOKEN);

            assertThat(got.status()).isEqualTo(404);
            assertThat(got.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        @Test
        void anotherWorkspacesTokenIsNotFound() {
            TestData.OtherWorkspace other = testData.otherWorkspace();
            String id = ids(api.get(OWN_LIST, other.adminToken())).get(0);

            assertThat(api.get(TOKENS + "/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(api.send("DELETE", TOKENS + "/" + id, ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(404);
            assertThat(ids(api.get(TOKENS, ADMIN_TOKEN))).doesNotContain(id);
        }

        @Test
        void aNonAdminCannotRead() {
            String user = testData.token(testData.user("plain", BuiltInRole.USER));

            Response refused = api.get(TOKENS, user);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        }

        @Test
        void anAuditorReadsButCannotChange() {
            String auditor = testData.token(testData.user("auditor", BuiltInRole.AUDITOR));
            String id = personalToken(testData.user("owner", BuiltInRole.USER), "watched");

            assertThat(api.get(TOKENS + "/" + id, auditor).status()).isEqualTo(200);
            Response refused = api.post(TOKENS + "/" + id + "/revoke", auditor, "{}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        }

        @Test
        void listFiltersByCreatorIdAndUsername() {
            Principal creator = testData.user("creator", BuiltInRole.USER);
            String mine = personalToken(creator, "by creator");
            String other = personalToken(testData.user("other", BuiltInRole.USER), "by other");

            List<String> byId =
                    ids(api.get(TOKENS + "?created_by_id=" + creator.id().value(), ADMIN_TOKEN));
            List<String> byName = ids(api.get(TOKENS + "?created_by_username=" + creator.userName(), ADMIN_TOKEN));
            List<String> both = ids(api.get(
                    TOKENS + "?created_by_id=" + creator.id().value() + "&created_by_username=" + creator.userName(),
                    ADMIN_TOKEN));

            assertThat(byId).containsExactly(mine);
            assertThat(byName).containsExactly(mine);
            assertThat(both).containsExactly(mine);
            assertThat(ids(api.get(TOKENS + "?created_by_username=nobody-" + UUID.randomUUID(), ADMIN_TOKEN)))
                    .isEmpty();
            assertThat(ids(api.get(TOKENS, ADMIN_TOKEN))).contains(mine, other);
        }

        @Test
        void listFiltersOnBehalfOfTokensByTheCreatorAndByTheServicePrincipalsApplicationId() {
            Principal sp = servicePrincipal(true);
            String obo = obo(sp, "obo");
            // a token the service principal made for itself: created by it, named by its applicationId
            String own = tokenService
                    .create(Actor.of(sp, "127.0.0.1"), new CreateTokenCommand("own", null, null))
                    .token()
                    .id()
                    .value();

            assertThat(ids(api.get(TOKENS + "?owner_id=" + sp.id().value(), ADMIN_TOKEN)))
                    .containsExactlyInAnyOrder(obo, own);
            assertThat(ids(api.get(TOKENS + "?created_by_username=" + sp.applicationId(), ADMIN_TOKEN)))
                    .containsExactly(own);
            assertThat(ids(api.get(TOKENS + "?owner_id=" + sp.id().value() + "&kind=ON_BEHALF_OF", ADMIN_TOKEN)))
                    .containsExactly(obo);
            assertThat(ids(api.get(
                            TOKENS + "?owner_id=" + sp.id().value() + "&created_by_id="
                                    + admin.id().value(),
                            ADMIN_TOKEN)))
                    .containsExactly(obo);
        }

        @Test
        void listFiltersByStatusScopeExpiryAndUse() {
            Principal owner = testData.user("filtered", BuiltInRole.USER);
            String scoped = tokenService
                    .create(
                            Actor.of(owner, "127.0.0.1"),
                            new CreateTokenCommand("scoped", Duration.ofDays(2), List.of("tokens:read")))
                    .token()
                    .id()
                    .value();
            String revoked = personalToken(owner, "revoked");
            assertThat(api.post(TOKENS + "/" + revoked + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);
            String query = TOKENS + "?owner_id=" + owner.id().value();

            assertThat(ids(api.get(query + "&status=REVOKED", ADMIN_TOKEN))).containsExactly(revoked);
            assertThat(ids(api.get(query + "&status=active", ADMIN_TOKEN))).containsExactly(scoped);
            assertThat(ids(api.get(query + "&scope=tokens:read", ADMIN_TOKEN))).containsExactly(scoped);
            assertThat(ids(api.get(query + "&expiring_within_days=3", ADMIN_TOKEN)))
                    .containsExactly(scoped);
            assertThat(ids(api.get(query + "&never_used=true", ADMIN_TOKEN)))
                    .containsExactlyInAnyOrder(scoped, revoked);
            assertThat(ids(api.get(query + "&unused_for_days=1", ADMIN_TOKEN)))
                    .containsExactlyInAnyOrder(scoped, revoked);
            assertThat(ids(api.get(query + "&never_used=false", ADMIN_TOKEN)))
                    .containsExactlyInAnyOrder(scoped, revoked);
        }

        @ParameterizedTest
        @CsvSource({
            "created_by_id,abc",
            "owner_id,1.5",
            "status,SLEEPING",
            "kind,ROBOT",
            "expiring_within_days,-1",
            "unused_for_days,x",
            "never_used,maybe",
            "page_size,0",
            "page_size,1001",
            "page_token,not-a-token"
        })
        void aBadFilterValueIsABadRequestNamingTheParameter(String name, String value) {
            Response refused = api.get(TOKENS + "?" + name + "=" + value, ADMIN_TOKEN);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(refused.json().path("message").asString()).contains(name);
        }

        @Test
        void pagingWalksEveryTokenExactlyOnce() {
            Principal owner = testData.user("paged", BuiltInRole.USER);
            Set<String> made = new HashSet<>();
            for (int i = 0; i < 7; i++) {
                made.add(personalToken(owner, "page " + i));
            }
            List<String> walked = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                Response page = api.get(
                        TOKENS + "?owner_id=" + owner.id().value() + "&page_size=3"
                                + (next == null ? "" : "&page_token=" + next),
                        ADMIN_TOKEN);
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                walked.addAll(ids(page));
                next = page.json().path("next_page_token").isMissingNode()
                        ? null
                        : page.json().path("next_page_token").asString();
                pages++;
            } while (next != null && pages < 10);

            assertThat(pages).isEqualTo(3);
            assertThat(walked).hasSize(7).doesNotHaveDuplicates();
            assertThat(new HashSet<>(walked)).isEqualTo(made);
            assertThat(ids(api.get(TOKENS + "?owner_id=" + owner.id().value(), ADMIN_TOKEN)))
                    .containsExactlyElementsOf(walked);
            assertThat(api.get(TOKENS + "?owner_id=" + owner.id().value(), ADMIN_TOKEN)
                            .body())
                    .doesNotContain("next_page_token");
        }

        @Test
        void anExactlyFullLastPageHasNoNextPageToken() {
            Principal owner = testData.user("full", BuiltInRole.USER);
            personalToken(owner, "one");
            personalToken(owner, "two");

            Response page = api.get(TOKENS + "?owner_id=" + owner.id().value() + "&page_size=2", ADMIN_TOKEN);

            assertThat(ids(page)).hasSize(2);
            assertThat(page.body()).doesNotContain("next_page_token");
        }
    }

    @Nested
    class Changing {
        @Test
        void revokeAndRestoreAnotherPrincipalsToken() {
            Principal owner = testData.user("victim", BuiltInRole.USER);
            String value = testData.token(owner);
            String id = ids(api.get(OWN_LIST, value)).get(0);

            Response revoked = api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}");
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
            assertThat(revoked.json().path("token_info").path("status").asString())
                    .isEqualTo("REVOKED");
            Response refused = api.get(OWN_LIST, value);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");

            Response restored = api.post(TOKENS + "/" + id + "/restore", ADMIN_TOKEN, "{}");
            assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
            assertThat(restored.json().path("token_info").path("status").asString())
                    .isEqualTo("ACTIVE");
            assertThat(api.get(OWN_LIST, value).status()).isEqualTo(200);
            assertThat(actionsFor(id)).contains(AuditAction.TOKEN_REVOKED, AuditAction.TOKEN_RESTORED);
        }

        @Test
        void revokingTwiceIsAnsweredWithoutASecondRecordAndRestoringAnActiveTokenIsABadRequest() {
            String id = personalToken(testData.user("twice", BuiltInRole.USER), "twice");

            assertThat(api.post(TOKENS + "/" + id + "/restore", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(400);
            assertThat(api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);
            Response again = api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json()
                            .path("token_info")
                            .path("revocation_authority")
                            .asString())
                    .isEqualTo("ADMIN");
            assertThat(actionsFor(id).stream().filter(AuditAction.TOKEN_REVOKED::equals))
                    .hasSize(1);
        }

        @Test
        void deleteRemovesAnotherPrincipalsTokenAtOnce() {
            Principal owner = testData.user("deleted", BuiltInRole.USER);
            String value = testData.token(owner);
            String id = ids(api.get(OWN_LIST, value)).get(0);

            Response deleted = api.send("DELETE", TOKENS + "/" + id, ADMIN_TOKEN, null, null);

            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
            assertThat(api.get(OWN_LIST, value).status()).isEqualTo(401);
            assertThat(api.get(TOKENS + "/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(api.send("DELETE", TOKENS + "/" + id, ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(actionsFor(id)).contains(AuditAction.TOKEN_DELETED);
        }

        @Test
        void aNonAdminCannotChangeTokens() {
            String user = testData.token(testData.user("plain", BuiltInRole.USER));
            String id = personalToken(testData.user("target", BuiltInRole.USER), "target");

            for (Response refused : List.of(
                    api.post(TOKENS + "/" + id + "/revoke", user, "{}"),
                    api.post(TOKENS + "/" + id + "/restore", user, "{}"),
                    api.post(TOKENS + "/" + id + "/rotate", user, "{}"),
                    api.send("DELETE", TOKENS + "/" + id, user, null, null))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            }
            assertThat(api.get(TOKENS + "/" + id, ADMIN_TOKEN)
                            .json()
                            .path("token_info")
                            .path("status")
                            .asString())
                    .isEqualTo("ACTIVE");
        }

        @Test
        void unknownIdsAreNotFound() {
            String unknown = "0123456789abcdef0123456789abcdef";
            assertThat(api.post(TOKENS + "/" + unknown + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(TOKENS + "/" + unknown + "/restore", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(TOKENS + "/" + unknown + "/rotate", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(404);
            assertThat(api.send("DELETE", TOKENS + "/" + unknown, ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Rotation {
        @Test
        void withoutGraceTheOldSecretStopsAtOnce() {
            Principal owner = testData.user("rotated", BuiltInRole.USER);
            String old = testData.token(owner);
            String id = ids(api.get(OWN_LIST, old)).get(0);

            Response rotated = api.send("POST", TOKENS + "/" + id + "/rotate", ADMIN_TOKEN, null, null);

            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.header("Cache-Control")).contains("no-store");
            String fresh = rotated.json().path("token_value").asString();
            JsonNode info = rotated.json().path("token_info");
            assertThat(fresh).startsWith("wdn_").isNotEqualTo(old);
            assertThat(info.path("token_id").asString()).isEqualTo(id);
            assertThat(info.path("owner_id").asLong()).isEqualTo(owner.id().value());
            assertThat(info.path("rotated_time").isIntegralNumber()).isTrue();
            Response refused = api.get(OWN_LIST, old);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(ids(api.get(OWN_LIST, fresh))).contains(id);
            assertThat(actionsFor(id)).contains(AuditAction.TOKEN_ROTATED);
        }

        @Test
        void withGraceTheOldSecretWorksUntilTheGraceEnds() {
            Principal sp = servicePrincipal(true);
            Response created = api.post(
                    OBO, ADMIN_TOKEN, json("{'application_id':'%s','comment':'rotating'}", sp.applicationId()));
            String old = created.json().path("token_value").asString();
            String id = created.json().path("token_info").path("token_id").asString();

            Response rotated = api.post(
                    TOKENS + "/" + id + "/rotate", ADMIN_TOKEN, "{'grace_period_seconds':120}".replace('\'', '"'));

            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            String fresh = rotated.json().path("token_value").asString();
            assertThat(rotated.json().path("token_info").path("token_id").asString())
                    .isEqualTo(id);
            assertThat(rotated.json().path("token_info").path("kind").asString())
                    .isEqualTo("ON_BEHALF_OF");
            assertThat(api.get(OWN_LIST, old).status()).isEqualTo(200);
            assertThat(api.get(OWN_LIST, fresh).status()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(121));

            Response refused = api.get(OWN_LIST, old);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(ids(api.get(OWN_LIST, fresh))).contains(id);
        }

        @ParameterizedTest
        @CsvSource({"-1", "604801"})
        void aGraceOutsideZeroToSevenDaysIsABadRequest(long grace) {
            String id = personalToken(testData.user("grace", BuiltInRole.USER), "grace");

            Response refused =
                    api.post(TOKENS + "/" + id + "/rotate", ADMIN_TOKEN, "{\"grace_period_seconds\":" + grace + "}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("grace_period_seconds");
        }

        @Test
        void aRevokedTokenCannotBeRotated() {
            String id = personalToken(testData.user("dead", BuiltInRole.USER), "dead");
            api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}");

            assertThat(api.post(TOKENS + "/" + id + "/rotate", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(400);
        }
    }

    Principal servicePrincipal(boolean tokenUsage) {
        Principal sp = principals.save(
                Principal.newServicePrincipal(main, UUID.randomUUID().toString(), "robot"));
        assignments.add(RoleAssignment.toPrincipal(
                main,
                roles.findByName(main, BuiltInRole.USER.roleName())
                        .orElseThrow()
                        .id(),
                sp.id(),
                null));
        if (tokenUsage) {
            testData.grantTokenUsage(sp);
        }
        return sp;
    }

    String obo(Principal sp, String comment) {
        Response created =
                api.post(OBO, ADMIN_TOKEN, json("{'application_id':'%s','comment':'%s'}", sp.applicationId(), comment));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("token_info").path("token_id").asString();
    }

    String personalToken(Principal owner, String comment) {
        return tokenService
                .create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand(comment, null, null))
                .token()
                .id()
                .value();
    }

    List<AuditAction> actionsFor(String tokenId) {
        return audit.recent(main, 500).stream()
                .filter(e -> tokenId.equals(e.targetId()))
                .map(AuditEvent::action)
                .toList();
    }

    static List<String> ids(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().path("token_infos").spliterator(), false)
                .map(info -> info.path("token_id").asString())
                .toList();
    }

    /** Tokens active in themselves whose owner the decision chain refuses list as SUSPENDED, with why. */
    @Nested
    class Suspended {
        @Test
        void aTokenOfADeactivatedOwnerListsAsSuspendedWithTheReasonAndARevokedOneStaysRevoked() {
            Principal owner = testData.user("deactivated", BuiltInRole.USER);
            String value = testData.token(owner);
            String active = ids(api.get(OWN_LIST, value)).get(0);
            String revoked = personalToken(owner, "revoked");
            assertThat(api.post(TOKENS + "/" + revoked + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);

            context.getBean(DirectoryService.class)
                    .setActive(Actor.of(admin, "127.0.0.1"), PrincipalKind.USER, owner.id(), false);

            JsonNode listed = infoIn(api.get(TOKENS + "?owner_id=" + owner.id().value(), ADMIN_TOKEN), active);
            assertThat(listed.path("status").asString()).isEqualTo("SUSPENDED");
            assertThat(listed.path("status_reason").asString()).isEqualTo("OWNER_INACTIVE");
            assertThat(listed.path("status_message").asString())
                    .contains(owner.userName() + " is deactivated", "activates it again");
            JsonNode got = api.get(TOKENS + "/" + active, ADMIN_TOKEN).json().path("token_info");
            assertThat(got.path("status").asString()).isEqualTo("SUSPENDED");
            assertThat(got.path("status_reason").asString()).isEqualTo("OWNER_INACTIVE");
            Response refused = api.get(OWN_LIST, value);
            assertThat(refused.status()).as("the chain agrees").isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("OWNER_INACTIVE");

            JsonNode stillRevoked =
                    infoIn(api.get(TOKENS + "?owner_id=" + owner.id().value(), ADMIN_TOKEN), revoked);
            assertThat(stillRevoked.path("status").asString()).isEqualTo("REVOKED");
            assertThat(stillRevoked.has("status_reason")).isFalse();
            assertThat(stillRevoked.has("status_message")).isFalse();
        }

        @Test
        void losingTokenUsageSuspendsAServicePrincipalsTokenAndGrantingItAgainMakesItActive() {
            Principal sp = servicePrincipal(true);
            Response created = api.post(
                    OBO, ADMIN_TOKEN, json("{'application_id':'%s','comment':'suspended bot'}", sp.applicationId()));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String value = created.json().path("token_value").asString();
            String id = created.json().path("token_info").path("token_id").asString();
            assertThat(created.json().path("token_info").has("status_reason")).isFalse();

            testData.revokeTokenUsage(sp);

            JsonNode suspended = infoIn(api.get(TOKENS + "?owner_id=" + sp.id().value(), ADMIN_TOKEN), id);
            assertThat(suspended.path("status").asString()).isEqualTo("SUSPENDED");
            assertThat(suspended.path("status_reason").asString()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
            assertThat(suspended.path("status_message").asString())
                    .contains(
                            // named as people know it, with the id after the name
                            sp.displayName() + " (" + sp.applicationId() + ") does not have permission to use tokens",
                            "PATCH /api/2.0/permissions/authorization/tokens");
            assertThat(api.get(TOKENS + "/" + id, ADMIN_TOKEN)
                            .json()
                            .path("token_info")
                            .path("status")
                            .asString())
                    .isEqualTo("SUSPENDED");
            Response refused = api.get(OWN_LIST, value);
            assertThat(refused.status()).as("the chain agrees").isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");

            testData.grantTokenUsage(sp);

            JsonNode back = infoIn(api.get(TOKENS + "?owner_id=" + sp.id().value(), ADMIN_TOKEN), id);
            assertThat(back.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(back.has("status_reason")).isFalse();
            assertThat(back.has("status_message")).isFalse();
            assertThat(api.get(OWN_LIST, value).status()).isEqualTo(200);
        }

        @Test
        void aRevokedTokenOfAnOwnerWithoutTokenUsageStaysRevoked() {
            Principal owner = testData.user("unlisted", BuiltInRole.USER);
            String id = personalToken(owner, "revoked first");
            assertThat(api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);

            testData.revokeTokenUsage(owner);

            JsonNode info = api.get(TOKENS + "/" + id, ADMIN_TOKEN).json().path("token_info");
            assertThat(info.path("status").asString()).isEqualTo("REVOKED");
            assertThat(info.has("status_reason")).isFalse();
            assertThat(infoIn(api.get(TOKENS + "?owner_id=" + owner.id().value(), ADMIN_TOKEN), id)
                            .path("status")
                            .asString())
                    .isEqualTo("REVOKED");
        }

        @Test
        void statusSuspendedListsOnlyTheActiveTokensAPolicyStops() {
            Principal lost = testData.user("suspended-filter", BuiltInRole.USER);
            String stopped = personalToken(lost, "stopped");
            String revoked = personalToken(lost, "revoked anyway");
            assertThat(api.post(TOKENS + "/" + revoked + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);
            testData.revokeTokenUsage(lost);
            Principal kept = testData.user("working-filter", BuiltInRole.USER);
            String working = personalToken(kept, "working");

            Response mine =
                    api.get(TOKENS + "?status=suspended&owner_id=" + lost.id().value(), ADMIN_TOKEN);
            assertThat(StreamSupport.stream(mine.json().path("token_infos").spliterator(), false)
                            .map(info -> info.path("token_id").asString() + "="
                                    + info.path("status").asString()))
                    .containsExactly(stopped + "=SUSPENDED");
            Response all = api.get(TOKENS + "?status=SUSPENDED&page_size=1000", ADMIN_TOKEN);
            assertThat(StreamSupport.stream(all.json().path("token_infos").spliterator(), false)
                            .map(info -> info.path("status").asString()))
                    .containsOnly("SUSPENDED");
            assertThat(all.body()).contains(stopped).doesNotContain(working, revoked);
            Response bogus = api.get(TOKENS + "?status=asleep", ADMIN_TOKEN);
            assertThat(bogus.status()).isEqualTo(400);
            assertThat(bogus.body()).contains("ACTIVE, REVOKED, EXPIRED, SUSPENDED");
        }

        private static JsonNode infoIn(Response list, String tokenId) {
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            return StreamSupport.stream(list.json().path("token_infos").spliterator(), false)
                    .filter(info -> tokenId.equals(info.path("token_id").asString()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("token " + tokenId + " is not in " + list));
        }
    }
}
