package dev.warden.web.audit;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.DatabaseSnapshot;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/2.0/audit-events} over real HTTP: who may read it, the filters, keyset paging, the answer's shape
 * for an event a real API call recorded, workspace isolation, and bad input. The application (and its audit log) is
 * shared by all ITs, so each test reads only the events of an actor it made.
 */
@WardenSpringBootTest
class AuditEventApiIT {
    private static final String EVENTS = "/api/2.0/audit-events";
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    TestData data;
    ApiClient api;
    Principal carol;
    WorkspaceId main;

    @BeforeEach
    void anActor() {
        data = TestData.of(context);
        api = new ApiClient(port);
        carol = data.user(TestData.unique("carol"), BuiltInRole.USER);
        main = data.main().id();
    }

    /** Five events by carol a minute apart, oldest first: tokens t0..t2 created, t1 revoked, a role assigned. */
    private List<AuditEvent> carolsHistory(WorkspaceId workspace) {
        List<AuditEvent> events = List.of(
                byCarol(workspace, AuditAction.TOKEN_CREATED, 0)
                        .target("token", "t0")
                        .build(),
                byCarol(workspace, AuditAction.TOKEN_CREATED, 1)
                        .target("token", "t1")
                        .build(),
                byCarol(workspace, AuditAction.TOKEN_REVOKED, 2)
                        .target("token", "t1")
                        .detail("reason", "leaked")
                        .build(),
                byCarol(workspace, AuditAction.TOKEN_CREATED, 3)
                        .target("token", "t2")
                        .build(),
                byCarol(workspace, AuditAction.ROLE_ASSIGNED, 4)
                        .target("role", "7")
                        .build());
        events.forEach(audit::record);
        return events;
    }

    private AuditEvent.Builder byCarol(WorkspaceId workspace, AuditAction action, int minute) {
        return AuditEvent.anonymous(workspace, action, T0.plusSeconds(60L * minute))
                .actor(carol.id(), carol.userName())
                .clientAddress("203.0.113.7");
    }

    private Response list(String query, String token) {
        return api.get(EVENTS + "?actor_id=" + carol.id().value() + query, token);
    }

    /** "action target_id" of each event answered, in order. */
    private static List<String> actionsAndTargets(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        for (JsonNode event : response.json().path("events")) {
            seen.add(event.path("action").asString() + " "
                    + event.path("target").path("id").asString(""));
        }
        return seen;
    }

    @Test
    void adminsAndAuditorsMayReadItUsersMayNot() {
        carolsHistory(main);
        String auditor = data.token(data.user("auditor", BuiltInRole.AUDITOR));
        String user = data.token(data.user("plain", BuiltInRole.USER));

        Response refused = list("", user);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(refused.body()).doesNotContain("leaked");
        assertThat(actionsAndTargets(list("", auditor))).hasSize(5);
        assertThat(actionsAndTargets(list("", ADMIN_TOKEN))).hasSize(5);
    }

    @Test
    void eachFilterNarrowsTheNewestFirstList() {
        carolsHistory(main);

        assertThat(actionsAndTargets(list("", ADMIN_TOKEN)))
                .containsExactly(
                        "ROLE_ASSIGNED 7",
                        "TOKEN_CREATED t2",
                        "TOKEN_REVOKED t1",
                        "TOKEN_CREATED t1",
                        "TOKEN_CREATED t0");
        assertThat(actionsAndTargets(list("&action=TOKEN_CREATED", ADMIN_TOKEN)))
                .containsExactly("TOKEN_CREATED t2", "TOKEN_CREATED t1", "TOKEN_CREATED t0");
        assertThat(actionsAndTargets(list("&target_type=TOKEN&target_id=t1", ADMIN_TOKEN)))
                .containsExactly("TOKEN_REVOKED t1", "TOKEN_CREATED t1");
        assertThat(actionsAndTargets(list("&target_type=role", ADMIN_TOKEN))).containsExactly("ROLE_ASSIGNED 7");
        assertThat(actionsAndTargets(list(
                        "&since=" + T0.plusSeconds(60).toEpochMilli() + "&until="
                                + T0.plusSeconds(180).toEpochMilli(),
                        ADMIN_TOKEN)))
                .as("since inclusive, until exclusive")
                .containsExactly("TOKEN_REVOKED t1", "TOKEN_CREATED t1");
        assertThat(actionsAndTargets(list("&action=LOGIN_FAILED", ADMIN_TOKEN))).isEmpty();
    }

    @Test
    void anEventHasItsTimeActorTargetAddressAndDetails() {
        carolsHistory(main);

        JsonNode revoked =
                list("&action=TOKEN_REVOKED", ADMIN_TOKEN).json().path("events").get(0);

        assertThat(revoked.path("id").asLong()).isPositive();
        assertThat(revoked.path("time").asLong()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
        assertThat(revoked.path("actor").path("id").asLong())
                .isEqualTo(carol.id().value());
        assertThat(revoked.path("actor").path("name").asString()).isEqualTo(carol.userName());
        assertThat(revoked.path("target").path("type").asString()).isEqualTo("TOKEN");
        assertThat(revoked.path("client_address").asString()).isEqualTo("203.0.113.7");
        assertThat(revoked.path("details").path("reason").asString()).isEqualTo("leaked");
    }

    @Test
    void aChangeMadeThroughTheApiIsListed() {
        String carolsToken = data.usableToken(carol);

        Response created = api.post("/api/2.0/token/create", carolsToken, "{\"comment\":\"audited\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String tokenId = created.json().path("token_info").path("token_id").asString();

        JsonNode events = list("&target_type=token&target_id=" + tokenId, ADMIN_TOKEN)
                .json()
                .path("events");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).path("action").asString()).isEqualTo("TOKEN_CREATED");
        assertThat(events.get(0).path("target").path("id").asString()).isEqualTo(tokenId);
        assertThat(events.get(0).path("target").path("name").asString()).isEqualTo("audited");
        assertThat(events.get(0).path("client_address").asString()).isNotBlank();
    }

    @Test
    void eachTargetIsNamedAsItIsNowAndNotAtAllOnceGone() {
        Group ops = data.group(TestData.unique("ops"));
        Group doomed = data.group(TestData.unique("doomed"));
        Role deployer = data.customRole(TestData.unique("deployer"), Permission.AUDIT_READ);
        Principal robot = data.servicePrincipal(TestData.unique("robot"));
        String tokenId = api.post("/api/2.0/token/create", data.usableToken(carol), "{\"comment\":\"nightly build\"}")
                .json()
                .path("token_info")
                .path("token_id")
                .asString();
        String wiki = TestData.unique("wiki");
        RegisteredService registered = data.service(wiki, wiki + ":read");
        try {
            int minute = 0;
            for (String[] target : new String[][] {
                {"group", ops.id().toString()},
                {"group", doomed.id().toString()},
                {"role", deployer.id().toString()},
                {"service_principal", robot.id().toString()},
                {"user", carol.id().toString()},
                {"service", registered.name()},
                {"token", "no-such-token"},
                {"role", "999999999"},
                {"user", "not-a-number"}
            }) {
                audit.record(byCarol(main, AuditAction.GROUP_UPDATED, minute++)
                        .target(target[0], target[1])
                        .build());
            }
            context.getBean(GroupService.class).delete(data.admin(), doomed.id());

            java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
            for (JsonNode event : list("", ADMIN_TOKEN).json().path("events")) {
                JsonNode target = event.path("target");
                named.put(
                        target.path("type").asString() + " " + target.path("id").asString(),
                        target.has("name") ? target.path("name").asString() : null);
            }

            assertThat(named)
                    .containsEntry("GROUP " + ops.id(), ops.displayName())
                    .containsEntry("GROUP " + doomed.id(), null)
                    .containsEntry("ROLE " + deployer.id(), deployer.name())
                    .containsEntry("SERVICE_PRINCIPAL " + robot.id(), robot.displayName())
                    .containsEntry("USER " + carol.id(), carol.userName())
                    .containsEntry("SERVICE " + registered.name(), registered.displayName())
                    .containsEntry("TOKEN " + tokenId, "nightly build")
                    .containsEntry("TOKEN no-such-token", null)
                    .containsEntry("ROLE 999999999", null)
                    .containsEntry("USER not-a-number", null);
        } finally {
            data.removeServices();
        }
    }

    @Test
    void aSettingsChangeIsFoundAndAnsweredAsSettings() {
        audit.record(byCarol(main, AuditAction.WORKSPACE_SETTINGS_CHANGED, 0)
                .target("workspace", main.toString())
                .build());

        for (String type : List.of("SETTINGS", "settings", "WORKSPACE")) {
            JsonNode events = list("&target_type=" + type, ADMIN_TOKEN).json().path("events");
            assertThat(events.size()).as(type).isEqualTo(1);
            assertThat(events.get(0).path("target").path("type").asString()).isEqualTo("SETTINGS");
        }
        assertThat(actionsAndTargets(list("&target_type=TOKEN", ADMIN_TOKEN))).isEmpty();
    }

    @Test
    void pagingWalksEveryEventOnceNewestFirst() {
        carolsHistory(main);

        List<String> seen = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Response page = list("&page_size=2" + (next == null ? "" : "&page_token=" + encode(next)), ADMIN_TOKEN);
            seen.addAll(actionsAndTargets(page));
            page.json().path("events").forEach(event -> ids.add(event.path("id").asLong()));
            next = page.json().path("next_page_token").asString(null);
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(seen)
                .containsExactly(
                        "ROLE_ASSIGNED 7",
                        "TOKEN_CREATED t2",
                        "TOKEN_REVOKED t1",
                        "TOKEN_CREATED t1",
                        "TOKEN_CREATED t0");
    }

    @Test
    void eachWorkspaceReadsOnlyItsOwnLog() {
        TestData.OtherWorkspace other = data.otherWorkspace();
        carolsHistory(other.workspace().id());

        assertThat(actionsAndTargets(list("", ADMIN_TOKEN))).isEmpty();
        assertThat(actionsAndTargets(list("", other.adminToken()))).hasSize(5);
    }

    @ParameterizedTest
    @CsvSource({
        "actor_id, abc",
        "actor_id, -1",
        "actor_id, 99999999999999999999",
        "action, TOKEN_EXPLODED",
        "target_type, 'OR 1=1'",
        "since, yesterday",
        "since, 1.5",
        "until, 99999999999999999",
        "page_size, 0",
        "page_size, 1001",
        "page_size, two",
        "page_token, nope",
    })
    void badInputIsRefusedNamingTheField(String field, String value) {
        DatabaseSnapshot before = DatabaseSnapshot.take(jdbc);

        Response refused = api.get(EVENTS + "?" + field + "=" + encode(value), ADMIN_TOKEN);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.body()).contains(field);
        assertThat(before.differencesTo(DatabaseSnapshot.take(jdbc))).isEmpty();
    }

    @Test
    void sinceAfterUntilAndForgedPageTokensAreRefused() {
        Response backwards = api.get(EVENTS + "?since=2000&until=1000", ADMIN_TOKEN);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("since");

        for (String forged : List.of("a-5.1", "a999999999999999999.1", "a1.x", "1.1", "")) {
            String token =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.US_ASCII));
            Response refused =
                    api.get(EVENTS + "?page_size=1&page_token=" + (token.isEmpty() ? "%3D%3D" : token), ADMIN_TOKEN);
            assertThat(refused.status()).as(forged).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(refused.body()).contains("page_token");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
