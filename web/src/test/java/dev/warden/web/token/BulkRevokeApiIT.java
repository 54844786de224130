package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Bulk revoke by filter over real HTTP: the preview counts the tokens that work and their owners, the revoke needs
 * a reason, takes out exactly the matching tokens and writes one audit record listing them.
 * <p>
 * Every case narrows by a creator of its own ({@code created_by_id}), so the tests never touch each other's tokens
 * (nor the bootstrap admin's); "no filter" runs in a fresh workspace.
 */
@WardenSpringBootTest
class BulkRevokeApiIT {
    static final String PREVIEW = "/api/2.0/token-management/tokens/bulk-revoke/preview";
    static final String REVOKE = "/api/2.0/token-management/tokens/bulk-revoke";
    static final String OWN_LIST = "/api/2.0/token/list";
    static final String SCIM_ME = "/api/2.0/preview/scim/v2/Me";

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
    TokenManagementService management;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    ApiClient api;
    TestData testData;
    WorkspaceId main;

    /** Made by one creator of its own: two service principals' tokens, one revoked, one expired. */
    Principal creator;

    Principal robotA;
    Principal robotB;
    IssuedToken a1;
    IssuedToken a2;
    IssuedToken b1;
    IssuedToken bScim;
    IssuedToken aRevoked;
    IssuedToken aExpired;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
        main = testData.main().id();
        creator = testData.user("bulk-creator", BuiltInRole.WORKSPACE_ADMIN);
        robotA = servicePrincipal();
        robotB = servicePrincipal();
        aExpired = obo(robotA, "expires soon", Duration.ofSeconds(30), "tokens:read");
        clock.advance(Duration.ofSeconds(31));
        a1 = obo(robotA, "a one", null, "tokens:read");
        a2 = obo(robotA, "a two", null, "tokens:read");
        b1 = obo(robotB, "b one", null, "tokens:read");
        bScim = obo(robotB, "b scim", null, "scim:read");
        aRevoked = obo(robotA, "a revoked", null, "tokens:read");
        management.revoke(as(creator), aRevoked.token().id());
    }

    @Test
    void previewCountsTheMatchingTokensThatWorkAndTheirDistinctOwners() {
        Response byScope = api.post(
                PREVIEW,
                ADMIN_TOKEN,
                json("{'created_by_id':%d,'scope':'tokens:read'}", creator.id().value()));
        Response byCreator = api.post(
                PREVIEW,
                ADMIN_TOKEN,
                json("{'created_by_id':'%d'}", creator.id().value()));
        Response byOwner = api.post(
                PREVIEW,
                ADMIN_TOKEN,
                json("{'owner_id':%d,'kind':'on_behalf_of'}", robotA.id().value()));

        assertPreview(byScope, 3, 2); // a1, a2, b1: not the revoked one, not the expired one, not the scim:read one
        assertPreview(byCreator, 4, 2);
        assertPreview(byOwner, 2, 1);
        assertPreview(
                api.post(
                        PREVIEW,
                        ADMIN_TOKEN,
                        json(
                                "{'created_by_id':%d,'status':'REVOKED'}",
                                creator.id().value())),
                0,
                0);
        assertPreview(
                api.post(PREVIEW, ADMIN_TOKEN, json("{'created_by_username':'nobody-%s'}", UUID.randomUUID())), 0, 0);
        assertThat(byScope.json().path("more_than_limit").asBoolean()).isFalse();
    }

    @Test
    void previewWithoutFiltersCountsEveryTokenThatWorks() {
        Response all = api.post(PREVIEW, ADMIN_TOKEN, "{}");

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("token_count").asInt()).isGreaterThanOrEqualTo(5); // ours, the admin's, others'
        assertThat(all.json().path("owner_count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(all.json().path("token_count").asInt())
                .isGreaterThanOrEqualTo(all.json().path("owner_count").asInt());
    }

    @Test
    void revokingWithoutAReasonIsABadRequestNamingReasonAndChangesNothing() {
        for (String body : List.of(
                json("{'created_by_id':%d}", creator.id().value()),
                json("{'created_by_id':%d,'reason':'   '}", creator.id().value()))) {
            Response refused = api.post(REVOKE, ADMIN_TOKEN, body);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(field(refused)).isEqualTo("reason");
        }
        assertThat(api.get(OWN_LIST, a1.secret().reveal()).status()).isEqualTo(200);
        assertPreview(
                api.post(
                        PREVIEW,
                        ADMIN_TOKEN,
                        json("{'created_by_id':%d}", creator.id().value())),
                4,
                2);
        assertThat(bulkEventsAbout(a1)).isEmpty();
    }

    @Test
    void revokingWithAFilterRevokesExactlyTheMatchingTokensInOneAuditRecord() {
        Response revoked = api.post(
                REVOKE,
                ADMIN_TOKEN,
                json(
                        "{'created_by_id':%d,'scope':'tokens:read'," + "'reason':'robot keys leaked'}",
                        creator.id().value()));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(StreamSupport.stream(revoked.json().path("revoked_token_ids").spliterator(), false)
                        .map(id -> id.asString())
                        .toList())
                .containsExactlyInAnyOrder(id(a1), id(a2), id(b1));
        assertThat(revoked.json().path("token_count").asInt()).isEqualTo(3);
        assertThat(revoked.json().path("owner_count").asInt()).isEqualTo(2);

        for (IssuedToken gone : List.of(a1, a2, b1)) {
            Response refused = api.get(OWN_LIST, gone.secret().reveal());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
            assertThat(api.get(TokenManagementApiIT.TOKENS + "/" + id(gone), ADMIN_TOKEN)
                            .json()
                            .path("token_info")
                            .path("status")
                            .asString())
                    .isEqualTo("REVOKED");
        }
        assertThat(api.get(SCIM_ME, bScim.secret().reveal()).status())
                .as("a token of another scope")
                .isEqualTo(200);
        assertPreview(
                api.post(
                        PREVIEW,
                        ADMIN_TOKEN,
                        json("{'created_by_id':%d}", creator.id().value())),
                1,
                1);

        List<AuditEvent> events = bulkEventsAbout(a1);
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.subjects()).containsExactlyInAnyOrder(id(a1), id(a2), id(b1));
        assertThat(event.details())
                .containsEntry("reason", "robot keys leaked")
                .containsEntry("tokens", "3")
                .containsEntry("owners", "2");
        assertThat(event.actorName()).isEqualTo("admin");
        assertThat(bulkEventsAbout(b1)).containsExactly(event);
        assertThat(bulkEventsAbout(aRevoked)).as("already revoked: not taken").isEmpty();
        assertThat(bulkEventsAbout(aExpired)).as("expired: not taken").isEmpty();
        assertThat(audit.recent(main, 1000).stream()
                        .filter(e -> e.action() == AuditAction.TOKENS_BULK_REVOKED
                                && e.subjects().contains(id(a2)))
                        .count())
                .as("one record, not one per token")
                .isEqualTo(1);
        assertThat(audit.recent(main, 1000).stream()
                        .filter(e -> e.action() == AuditAction.TOKEN_REVOKED && id(a1).equals(e.targetId()))
                        .count())
                .isZero();
    }

    @Test
    void revokingWithoutFiltersRevokesEveryTokenThatWorksOfTheWorkspaceOnly() {
        TestData.OtherWorkspace other = testData.otherWorkspace();
        assertPreview(api.post(PREVIEW, other.adminToken(), "{}"), 1, 1);

        Response revoked = api.post(REVOKE, other.adminToken(), "{\"reason\":\"decommissioned\"}");

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("token_count").asInt()).isEqualTo(1);
        assertThat(api.get(OWN_LIST, other.adminToken()).reason()).isEqualTo("TOKEN_REVOKED");
        assertThat(api.get(OWN_LIST, a1.secret().reveal()).status())
                .as("another workspace's token")
                .isEqualTo(200);
        assertThat(api.get(OWN_LIST, ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void badFilterValuesAndUnknownFieldsAreBadRequestsNamingTheFieldAndChangeNothing() {
        String reason = ",\"reason\":\"cleanup\""; // an argument: json() turns quotes only in the template
        assertBadField(
                json("{'created_by_id':%d,'status':'bogus'%s}", creator.id().value(), reason), "status");
        // the list's SUSPENDED is not a stored status: read as ACTIVE it would revoke every working token too
        assertBadField(
                json("{'created_by_id':%d,'status':'SUSPENDED'%s}", creator.id().value(), reason), "status");
        assertBadField(
                json("{'created_by_id':%d,'kind':'robot'%s}", creator.id().value(), reason), "kind");
        assertBadField(json("{'owner_id':'abc'%s}", reason), "owner_id");
        assertBadField(
                json("{'created_by_id':%d,'unused_for_days':-1%s}", creator.id().value(), reason), "unused_for_days");
        assertBadField(
                json("{'created_by_id':%d,'never_used':'maybe'%s}", creator.id().value(), reason), "never_used");
        assertBadField(
                json(
                        "{'created_by_id':%d,'scope':['tokens:read']%s}",
                        creator.id().value(), reason),
                "scope");
        // an empty filter is refused, never read as no filter: that would revoke every token (found by the corpus)
        assertBadField(json("{'owner_id':''%s}", reason), "owner_id");
        assertBadField(json("{'created_by_id':%d,'scope':' '%s}", creator.id().value(), reason), "scope");
        assertBadField(json("{'created_by_id':%d,'reason':123}", creator.id().value()), "reason");
        // an unknown field is refused, never ignored: ignoring it would revoke more than was meant
        assertBadField(json("{'owner':'%s'%s}", robotA.applicationId(), reason), "owner");

        assertPreview(
                api.post(
                        PREVIEW,
                        ADMIN_TOKEN,
                        json("{'created_by_id':%d}", creator.id().value())),
                4,
                2);
        assertThat(api.get(OWN_LIST, ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aPrincipalWithoutTokenManagementWriteIsRefused() {
        String user = testData.token(testData.user("plain", BuiltInRole.USER));
        String auditor = testData.token(testData.user("auditor", BuiltInRole.AUDITOR));
        String body = json(
                "{'created_by_id':%d,'reason':'not mine to do'}", creator.id().value());

        for (String caller : List.of(user, auditor)) {
            for (String path : List.of(PREVIEW, REVOKE)) {
                Response refused = api.post(path, caller, body);
                assertThat(refused.status()).as(path + " " + refused).isEqualTo(403);
                assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            }
        }
        assertThat(api.get(OWN_LIST, a1.secret().reveal()).status()).isEqualTo(200);
    }

    private void assertBadField(String body, String field) {
        for (String path : List.of(PREVIEW, REVOKE)) {
            Response refused = api.post(path, ADMIN_TOKEN, body);
            assertThat(refused.status()).as(path + " " + body + " → " + refused).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(field(refused)).as(refused.toString()).isEqualTo(field);
        }
    }

    private static void assertPreview(Response preview, int tokens, int owners) {
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("token_count").asInt())
                .as(preview.toString())
                .isEqualTo(tokens);
        assertThat(preview.json().path("owner_count").asInt())
                .as(preview.toString())
                .isEqualTo(owners);
        assertThat(preview.json().path("more_than_limit").asBoolean()).isFalse();
    }

    private static String field(Response error) {
        return error.json()
                .path("details")
                .path(0)
                .path("metadata")
                .path("field")
                .asString();
    }

    private List<AuditEvent> bulkEventsAbout(IssuedToken token) {
        return audit.history(main, "token", id(token), 50).stream()
                .filter(e -> e.action() == AuditAction.TOKENS_BULK_REVOKED)
                .toList();
    }

    private IssuedToken obo(Principal owner, String comment, Duration lifetime, String scope) {
        return management.createOnBehalfOf(
                as(creator), owner.applicationId(), new CreateTokenCommand(comment, lifetime, List.of(scope)));
    }

    private Principal servicePrincipal() {
        Principal sp = principals.save(
                Principal.newServicePrincipal(main, UUID.randomUUID().toString(), "bulk robot"));
        assignments.add(RoleAssignment.toPrincipal(
                main,
                roles.findByName(main, BuiltInRole.USER.roleName())
                        .orElseThrow()
                        .id(),
                sp.id(),
                null));
        testData.grantTokenUsage(sp);
        return sp;
    }

    private static Actor as(Principal principal) {
        return Actor.of(principal, "127.0.0.1");
    }

    private static String id(IssuedToken token) {
        TokenId id = token.token().id();
        return id.value();
    }
}
