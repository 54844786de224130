package dev.warden.web.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.oauth.SecretId;
import dev.warden.core.oauth.ServicePrincipalSecret;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.webhook.WebhookRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.shared.ApiRoutes;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestData.OtherWorkspace;
import dev.warden.web.support.WardenSpringBootTest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Who may call what: every {@code /api/**} operation of the route catalogue (so a new route cannot be missed), and
 * {@code /actuator/prometheus} ({@code metrics:read}), × every
 * kind of caller, over real HTTP, each cell asserted against the table below. Each cell gets a fresh caller and a
 * fresh target (a token, a user, a role…) in a workspace of its own, so no cell depends on another; "another
 * workspace's admin" is the main workspace's admin acting on this workspace's ids.
 *
 * <p>Columns: {@code ANON} no token; {@code USER} the built-in user role; {@code NOUSE} the same without token usage
 * permission; {@code TMW}, {@code ROLW}, {@code SCIMW}, {@code PERMW}, {@code SETW} a custom role holding only
 * {@code token-management:write}, {@code roles:write}, {@code scim:write}, {@code permissions:write},
 * {@code settings:write}; {@code GADM} group-admin of group A acting on group B (or on a new group); {@code ADMIN}
 * workspace admin; {@code SP} a service principal (user role) whose token carries only {@code tokens:read};
 * {@code TECH} the technical user behind an organisation token (user role); {@code REVOK}, {@code EXPIR},
 * {@code SUSP} an admin's revoked, expired, or suspended (owner deactivated) token; {@code OTHER} another
 * workspace's admin. A target "own" belongs to the caller; "a token" belongs to a fresh user of the workspace.
 */
@WardenSpringBootTest
class AuthorisationMatrixIT {
    private static final String EXPECTED = """
            operation                                                        ANON USER NOUSE TMW ROLW SCIMW PERMW SETW GADM ADMIN SP  TECH REVOK EXPIR SUSP OTHER
            GET    /api/2.0/access/refusals                                   401  200  403  403  403  403  403  403  403  200  200  200  401   401   401  200
            GET    /api/2.0/access/scopes                                     401  200  403  403  403  403  403  403  403  200  200  200  401   401   401  200
            GET    /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets 401 403 403 403 403 403 403 403 403 200 403 403 401 401 401 404
            POST   /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets 401 403 403 403 403 403 403 403 403 200 403 403 401 401 401 404
            DELETE /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets/{secret_id} 401 403 403 200 403 403 403 403 403 200 403 403 401 401 401 404
            POST   /api/2.0/access/check                                      401  200  403  403  403  403  403  403  403  200  200  200  401   401   401  200
            POST   /api/2.0/canary-tokens                                     401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  200
            GET    /api/2.0/audit-events                                      401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            GET    /api/2.0/audit-events/export                               401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            GET    /api/2.0/groups/{group_id}/tokens                          401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/groups/{group_id}/tokens                          401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            DELETE /api/2.0/groups/{group_id}/tokens/{token_id}               401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/groups/{group_id}/tokens/{token_id}               401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/groups/{group_id}/tokens/{token_id}/restore       401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/groups/{group_id}/tokens/{token_id}/revoke        401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/inactivity-policy/preview                        401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            GET    /api/2.0/notification-settings                            401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            PATCH  /api/2.0/notification-settings                            401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  200
            GET    /api/2.0/permissions/authorization/tokens                  401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            PATCH  /api/2.0/permissions/authorization/tokens                  401  403  403  403  403  403  200  403  403  200  403  403  401   401   401  400
            PUT    /api/2.0/permissions/authorization/tokens                  401  403  403  403  403  403  200  403  403  200  403  403  401   401   401  400
            GET    /api/2.0/permissions/authorization/tokens/permissionLevels 401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            GET    /api/2.0/preview/permissions/authorization/tokens          401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            PATCH  /api/2.0/preview/permissions/authorization/tokens          401  403  403  403  403  403  200  403  403  200  403  403  401   401   401  400
            PUT    /api/2.0/preview/permissions/authorization/tokens          401  403  403  403  403  403  200  403  403  200  403  403  401   401   401  400
            GET    /api/2.0/preview/permissions/authorization/tokens/permissionLevels 401 403 403 403 403 403 403 403 403 200 403 403 401   401   401  200
            GET    /api/2.0/preview/scim/v2/Groups                            401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/preview/scim/v2/Groups                            401  403  403  403  403  201  403  403  403  201  403  403  401   401   401  201
            DELETE /api/2.0/preview/scim/v2/Groups/{id}                       401  403  403  403  403  204  403  403  403  204  403  403  401   401   401  404
            GET    /api/2.0/preview/scim/v2/Groups/{id}                       401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  404
            PATCH  /api/2.0/preview/scim/v2/Groups/{id}                       401  403  403  403  403  200  403  403  403  200  403  403  401   401   401  404
            PUT    /api/2.0/preview/scim/v2/Groups/{id}                       401  403  403  403  403  200  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/preview/scim/v2/Me                                401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            GET    /api/2.0/preview/scim/v2/ServicePrincipals                 401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/preview/scim/v2/ServicePrincipals                 401  403  403  403  403  201  403  403  403  201  403  403  401   401   401  201
            DELETE /api/2.0/preview/scim/v2/ServicePrincipals/{id}            401  403  403  403  403  204  403  403  403  204  403  403  401   401   401  404
            GET    /api/2.0/preview/scim/v2/ServicePrincipals/{id}            401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  404
            PATCH  /api/2.0/preview/scim/v2/ServicePrincipals/{id}            401  403  403  403  403  200  403  403  403  200  403  403  401   401   401  404
            PUT    /api/2.0/preview/scim/v2/ServicePrincipals/{id}            401  403  403  403  403  200  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/preview/scim/v2/Users                             401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/preview/scim/v2/Users                             401  403  403  403  403  201  403  403  403  201  403  403  401   401   401  201
            DELETE /api/2.0/preview/scim/v2/Users/{id}                        401  403  403  403  403  204  403  403  403  204  403  403  401   401   401  404
            GET    /api/2.0/preview/scim/v2/Users/{id}                        401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  404
            PATCH  /api/2.0/preview/scim/v2/Users/{id}                        401  403  403  403  403  200  403  403  403  200  403  403  401   401   401  404
            PUT    /api/2.0/preview/scim/v2/Users/{id}                        401  403  403  403  403  200  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/role-assignments                                  401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/role-assignments                                  401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  400
            DELETE /api/2.0/role-assignments/{id}                             401  403  403  403  200  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/roles                                             401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/roles                                             401  403  403  403  200  403  403  403  403  200  403  403  401   401   401  200
            DELETE /api/2.0/roles/{id}                                        401  403  403  403  200  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/roles/{id}                                        401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  404
            PATCH  /api/2.0/roles/{id}                                        401  403  403  403  200  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/scopes                                            401  200  403  403  403  403  403  403  403  200  200  200  401   401   401  200
            GET    /api/2.0/services                                          401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            POST   /api/2.0/services                                          401  403  403  403  403  403  403  403  403  201  403  403  401   401   401  400
            DELETE /api/2.0/services/{id}                                     401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/services/{id}                                     401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            PATCH  /api/2.0/services/{id}                                     401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/token-management/on-behalf-of/tokens              401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  400
            GET    /api/2.0/token-management/organisation-tokens              401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            POST   /api/2.0/token-management/organisation-tokens              401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            GET    /api/2.0/token-management/tokens                           401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            POST   /api/2.0/token-management/tokens/bulk-revoke               401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  200
            POST   /api/2.0/token-management/tokens/bulk-revoke/preview       401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  200
            DELETE /api/2.0/token-management/tokens/{token_id}                401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  404
            GET    /api/2.0/token-management/tokens/{token_id}                401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            PATCH  /api/2.0/token-management/tokens/{token_id}                401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/token-management/tokens/{token_id}/restore        401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/token-management/tokens/{token_id}/revoke         401  403  403  200  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/token-management/tokens/{token_id}/rotate         401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/token/create                                      401  200  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            POST   /api/2.0/token/delete                                      401  200  403  403  403  403  403  403  403  200  403  400  401   401   401  200
            GET    /api/2.0/token/list                                        401  200  403  403  403  403  403  403  403  200  200  200  401   401   401  200
            POST   /api/2.0/token/restore                                     401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/token/revoke                                      401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            POST   /api/2.0/token/rotate                                      401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            PATCH  /api/2.0/token/{token_id}                                  401  200  403  403  403  403  403  403  403  200  403  200  401   401   401  200
            GET    /api/2.0/webhooks                                          401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            POST   /api/2.0/webhooks                                          401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  200
            DELETE /api/2.0/webhooks/{id}                                     401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  404
            GET    /api/2.0/webhooks/{id}                                     401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            PATCH  /api/2.0/webhooks/{id}                                     401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  404
            GET    /api/2.0/webhooks/{id}/deliveries                          401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  404
            POST   /api/2.0/webhooks/{id}/rotate-secret                       401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  404
            POST   /api/2.0/webhooks/{id}/test                                401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  404
            GET    /api/2.0/workspace-conf                                    401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            PATCH  /api/2.0/workspace-conf                                    401  403  403  403  403  403  403  200  403  200  403  403  401   401   401  200
            GET    /actuator/prometheus                                       401  403  403  403  403  403  403  403  403  200  403  403  401   401   401  200
            """;

    /** Checked like an API route, through the same bearer filter and decision chain, though not in the catalogue. */
    private static final List<String> BEYOND_THE_API = List.of("GET /actuator/prometheus");

    enum Caller {
        ANON,
        USER,
        NOUSE,
        TMW,
        ROLW,
        SCIMW,
        PERMW,
        SETW,
        GADM,
        ADMIN,
        SP,
        TECH,
        REVOK,
        EXPIR,
        SUSP,
        OTHER
    }

    @LocalServerPort
    int port;

    @Autowired
    private ServiceRepository services;

    @Autowired
    private WebhookRepository webhooks;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApiRoutes routes;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    RoleRepository roles;

    @Autowired
    RoleAssignmentRepository assignments;

    @Autowired
    GroupRepository groups;

    @Autowired
    TokenRepository tokens;

    @Autowired
    TokenUsageRepository usage;

    @Autowired
    TokenFormat format;

    @Autowired
    ServicePrincipalSecretRepository secrets;

    @Autowired
    Clock clock;

    private final SecureRandom random = new SecureRandom();
    private ApiClient api;
    private WorkspaceId workspace;
    private Principal mainAdmin;
    private Group groupA;
    private Group groupB;
    private Group tokenUsers;
    private final Map<Permission, Role> singlePermissionRoles = new java.util.HashMap<>();

    @Test
    void everyOperationAnswersEveryKindOfCallerAsTheTableSays() {
        api = new ApiClient(port);
        TestData testData = TestData.of(context);
        OtherWorkspace matrix = testData.otherWorkspace();
        workspace = matrix.workspace().id();
        mainAdmin = principals.findByUserName(testData.main().id(), "admin").orElseThrow();
        // Someone who can sign in stays workspace admin, so deleting principals and groups is not refused for that.
        assign(
                BuiltInRole.WORKSPACE_ADMIN,
                principals.save(Principal.newUser(workspace, "console-admin", "Console admin", "{noop}unused")),
                null);
        groupA = groups.save(new Group(null, workspace, "group A", null));
        groupB = groups.save(new Group(null, workspace, "group B", null));
        tokenUsers = groups.save(new Group(null, workspace, "token users", null));
        usage.replace(workspace, List.of(TokenUsageEntry.forGroup(tokenUsers.id(), TokenUsageLevel.CAN_USE)));
        for (Permission permission : List.of(
                Permission.TOKEN_MANAGEMENT_WRITE,
                Permission.ROLES_WRITE,
                Permission.SCIM_WRITE,
                Permission.PERMISSIONS_WRITE,
                Permission.SETTINGS_WRITE)) {
            singlePermissionRoles.put(
                    permission, roles.save(Role.custom(workspace, "only " + permission.key(), "", Set.of(permission))));
        }
        Map<String, List<String>> expected = expectedTable();
        Map<String, Function<Cell, Request>> requests = requests();

        List<String> catalogue = new ArrayList<>(routes.all().stream()
                .map(route -> route.method() + " " + route.path())
                .toList());
        catalogue.addAll(BEYOND_THE_API);
        assertThat(expected.keySet())
                .as("a row in the table for every route of the catalogue, and no other")
                .containsExactlyInAnyOrderElementsOf(catalogue);
        assertThat(requests.keySet()).as("a request for every route").containsExactlyInAnyOrderElementsOf(catalogue);

        List<String> mismatches = new ArrayList<>();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (String operation : expected.keySet()) {
            List<String> row = new ArrayList<>();
            for (Caller caller : Caller.values()) {
                Cell cell = new Cell(caller, credentialOf(caller));
                Request request = requests.get(operation).apply(cell);
                ApiClient.Response response = api.send(
                        operation.split(" ")[0],
                        request.path(),
                        cell.secret(),
                        request.body() == null ? null : "application/json",
                        request.body());
                String status = String.valueOf(response.status());
                row.add(status);
                String wanted = expected.get(operation).get(caller.ordinal());
                if (!wanted.equals(status)) {
                    mismatches.add(operation + " as " + caller + ": expected " + wanted + ", got " + response);
                }
                boolean metricsText = operation.equals("GET /actuator/prometheus") && response.status() == 200;
                if (response.status() >= 500
                        || !metricsText
                                && !response.body().isEmpty()
                                && !response.body().startsWith("{")) {
                    mismatches.add(operation + " as " + caller + ": not a JSON answer: " + response);
                }
            }
            actual.put(operation, row);
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " cells differ from the table:\n" + String.join("\n", mismatches)
                    + "\n\nThe answers as a table:\n" + asTable(actual));
        }
    }

    /** The caller of a cell and its secret (null for an anonymous caller). */
    record Cell(Caller caller, Credential credential) {
        String secret() {
            return credential == null ? null : credential.secret();
        }

        Principal principal() {
            return credential == null ? null : credential.principal();
        }
    }

    record Credential(Principal principal, String secret) {}

    record Request(String path, String body) {
        static Request get(String path) {
            return new Request(path, null);
        }
    }

    // ---- the callers ----------------------------------------------------------------------------------------------

    private Credential credentialOf(Caller caller) {
        return switch (caller) {
            case ANON -> null;
            case USER -> withToken(user("user", true, BuiltInRole.USER));
            case NOUSE -> withToken(user("no-usage", false, BuiltInRole.USER));
            case TMW -> withToken(holding(Permission.TOKEN_MANAGEMENT_WRITE));
            case ROLW -> withToken(holding(Permission.ROLES_WRITE));
            case SCIMW -> withToken(holding(Permission.SCIM_WRITE));
            case PERMW -> withToken(holding(Permission.PERMISSIONS_WRITE));
            case SETW -> withToken(holding(Permission.SETTINGS_WRITE));
            case GADM -> {
                Principal lead = user("group-admin", true);
                assign(BuiltInRole.GROUP_ADMIN, lead, groupA.id());
                yield withToken(lead);
            }
            case ADMIN -> withToken(user("admin", true, BuiltInRole.WORKSPACE_ADMIN));
            case SP -> {
                Principal robot = principals.save(Principal.newServicePrincipal(
                        workspace, UUID.randomUUID().toString(), "robot"));
                assign(BuiltInRole.USER, robot, null);
                allowTokens(robot);
                yield new Credential(
                        robot,
                        mint(robot, TokenKind.ON_BEHALF_OF, null, Scope.of(Permission.TOKENS_READ), null).secret);
            }
            case TECH -> {
                Principal technical = principals.save(Principal.newTechnicalUser(workspace, "organisation token"));
                assign(BuiltInRole.USER, technical, null);
                yield new Credential(
                        technical, mint(technical, TokenKind.ORGANISATION, null, Scope.ALL_APIS, null).secret);
            }
            case REVOK -> {
                Principal admin = user("revoked", true, BuiltInRole.WORKSPACE_ADMIN);
                Minted minted = mint(admin, TokenKind.PERSONAL, null, Scope.ALL_APIS, null);
                AccessToken token = tokens.findById(workspace, minted.id).orElseThrow();
                token.revoke(admin.id(), RevocationAuthority.OWNER, now());
                tokens.update(token);
                yield new Credential(admin, minted.secret);
            }
            case EXPIR -> {
                Principal admin = user("expired", true, BuiltInRole.WORKSPACE_ADMIN);
                yield new Credential(
                        admin, mint(admin, TokenKind.PERSONAL, null, Scope.ALL_APIS, now().minusSeconds(1)).secret);
            }
            case SUSP -> {
                Principal admin = user("suspended", true, BuiltInRole.WORKSPACE_ADMIN);
                Credential credential = withToken(admin);
                principals.save(admin.withActive(false));
                yield credential;
            }
            case OTHER -> new Credential(mainAdmin, WardenSpringBootTest.ADMIN_TOKEN);
        };
    }

    private Principal holding(Permission permission) {
        Principal holder = user(permission.key().replace(':', '-'), true);
        assignments.add(RoleAssignment.toPrincipal(
                workspace, singlePermissionRoles.get(permission).id(), holder.id(), null));
        return holder;
    }

    private Principal user(String prefix, boolean tokenUsage, BuiltInRole... held) {
        Principal user =
                principals.save(Principal.newUser(workspace, prefix + "-" + UUID.randomUUID(), prefix + " user", null));
        for (BuiltInRole role : held) {
            assign(role, user, null);
        }
        if (tokenUsage) {
            allowTokens(user);
        }
        return user;
    }

    private void assign(BuiltInRole role, Principal principal, GroupId scope) {
        assignments.add(RoleAssignment.toPrincipal(
                workspace,
                roles.findByName(workspace, role.roleName()).orElseThrow().id(),
                principal.id(),
                scope));
    }

    /** Membership of a group whose entry in the token usage list is CAN_USE: the list itself stays short. */
    private void allowTokens(Principal principal) {
        groups.addMember(workspace, tokenUsers.id(), principal.id());
    }

    private Credential withToken(Principal owner) {
        return new Credential(owner, mint(owner, TokenKind.PERSONAL, null, Scope.ALL_APIS, null).secret);
    }

    record Minted(TokenId id, String secret) {}

    /** A token stored straight through the repository: the fixture bypasses the rules the API enforces. */
    private Minted mint(Principal owner, TokenKind kind, GroupId group, Scope scope, Instant expiresAt) {
        TokenSecret secret = format.generate(random);
        Instant created = expiresAt == null ? now() : expiresAt.minus(Duration.ofHours(1));
        AccessToken token = AccessToken.builder()
                .id(TokenId.random(random))
                .workspace(owner.workspace())
                .owner(owner.id())
                .createdBy(owner.id())
                .kind(kind)
                .group(group)
                .comment("matrix")
                .digest(secret.digest())
                .displayHint(secret.displayHint(format.prefix()))
                .scopes(Set.of(scope))
                .createdAt(created)
                .expiresAt(expiresAt)
                .build();
        tokens.add(token);
        return new Minted(token.id(), secret.reveal());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- the targets ----------------------------------------------------------------------------------------------

    /** A token of the cell's caller (for an anonymous caller, of a fresh user); revoked by its owner if asked. */
    private String ownToken(Cell cell, boolean revoked) {
        Principal owner = cell.principal() != null ? cell.principal() : user("owner", true, BuiltInRole.USER);
        TokenKind kind = owner.kind() == dev.warden.core.principal.PrincipalKind.TECHNICAL_USER
                ? TokenKind.ORGANISATION
                : TokenKind.PERSONAL;
        Minted minted = mint(owner, kind, null, Scope.ALL_APIS, null);
        if (revoked) {
            revoke(minted.id, owner, RevocationAuthority.OWNER);
        }
        return minted.id.value();
    }

    /** A token of a fresh user of the workspace, who holds the built-in user role. */
    private String someonesToken(boolean revokedByAdmin) {
        Principal owner = user("owner", true, BuiltInRole.USER);
        Minted minted = mint(owner, TokenKind.PERSONAL, null, Scope.ALL_APIS, null);
        if (revokedByAdmin) {
            revoke(minted.id, owner, RevocationAuthority.ADMIN);
        }
        return minted.id.value();
    }

    /** A token of group B, owned by a technical user holding group-member on it. */
    private String groupBToken(boolean revokedByAdmin) {
        Principal technical = principals.save(Principal.newTechnicalUser(workspace, "group token of B"));
        assign(BuiltInRole.GROUP_MEMBER, technical, groupB.id());
        Minted minted = mint(technical, TokenKind.GROUP, groupB.id(), Scope.ALL_APIS, null);
        if (revokedByAdmin) {
            revoke(minted.id, technical, RevocationAuthority.ADMIN);
        }
        return minted.id.value();
    }

    private void revoke(TokenId id, Principal by, RevocationAuthority authority) {
        AccessToken token = tokens.findById(by.workspace(), id).orElseThrow();
        token.revoke(by.id(), authority, now());
        tokens.update(token);
    }

    /** A registered service of the matrix workspace, stored straight through the repository. */
    /** A webhook of the cell's workspace, to a closed loopback port. */
    private long freshWebhook() {
        return webhooks.insert(
                        workspace, "http://127.0.0.1:9/matrix", List.of(), true, "whsec_" + "A".repeat(43), now())
                .id();
    }

    private RegisteredService freshService() {
        String name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return services.insert(new RegisteredService(
                null,
                workspace,
                name,
                "matrix service",
                servicePrincipal().id(),
                List.of(Permission.ofService(name, name + ":read", ""))));
    }

    private Principal servicePrincipal() {
        Principal robot = principals.save(
                Principal.newServicePrincipal(workspace, UUID.randomUUID().toString(), "target robot"));
        assign(BuiltInRole.USER, robot, null);
        allowTokens(robot);
        return robot;
    }

    /** A secret of the service principal, stored straight through the repository; its id. */
    private String secretOf(Principal servicePrincipal) {
        TokenSecret value = format.generate(random);
        ServicePrincipalSecret secret = new ServicePrincipalSecret(
                SecretId.random(random),
                workspace,
                servicePrincipal.id(),
                value.digest(),
                value.displayHint(format.prefix()),
                servicePrincipal.id(),
                now(),
                now().plus(Duration.ofDays(1)));
        secrets.add(secret);
        return secret.id().value();
    }

    private Group freshGroup() {
        return groups.save(new Group(null, workspace, "group " + UUID.randomUUID(), null));
    }

    private Role freshRole() {
        return roles.save(Role.custom(workspace, "role " + UUID.randomUUID(), "", Set.of()));
    }

    /** The token usage list as a PUT body would state it, with a fresh user added. */
    private String usageListWith(Principal added) {
        List<String> entries = new ArrayList<>();
        for (TokenUsageEntry entry : usage.list(workspace)) {
            if (entry.principal() != null) {
                Principal principal =
                        principals.findById(workspace, entry.principal()).orElseThrow();
                entries.add(
                        principal.userName() != null
                                ? "{\"user_name\": \"" + principal.userName() + "\", \"permission_level\": \""
                                        + entry.level() + "\"}"
                                : "{\"service_principal_name\": \"" + principal.applicationId()
                                        + "\", \"permission_level\": \"" + entry.level() + "\"}");
            } else {
                Group group = groups.findById(workspace, entry.group()).orElseThrow();
                entries.add("{\"group_name\": \"" + group.displayName() + "\", \"permission_level\": \"" + entry.level()
                        + "\"}");
            }
        }
        entries.add("{\"user_name\": \"" + added.userName() + "\", \"permission_level\": \"CAN_USE\"}");
        return "{\"access_control_list\": [" + String.join(", ", entries) + "]}";
    }

    private static String scimPatch(String path, String value) {
        return "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"replace\","
                + " \"path\": \"" + path + "\", \"value\": " + value + "}]}";
    }

    /** How each operation is called in a cell: its path with fresh ids, and its body. */
    private Map<String, Function<Cell, Request>> requests() {
        Map<String, Function<Cell, Request>> all = new LinkedHashMap<>();
        String scim = "/api/2.0/preview/scim/v2";
        all.put("GET /actuator/prometheus", c -> Request.get("/actuator/prometheus"));
        all.put(
                "GET /api/2.0/access/refusals",
                c -> Request.get("/api/2.0/access/refusals?token_id=" + ownToken(c, false)));
        all.put(
                "GET /api/2.0/access/scopes",
                c -> Request.get("/api/2.0/access/scopes?token_id=" + ownToken(c, false)));
        all.put(
                "POST /api/2.0/access/check",
                c -> new Request(
                        "/api/2.0/access/check",
                        "{\"token_id\": \"" + ownToken(c, false) + "\", \"permission\": \"tokens:read\"}"));
        all.put(
                "GET /api/2.0/groups/{group_id}/tokens",
                c -> Request.get("/api/2.0/groups/" + groupB.id() + "/tokens"));
        all.put(
                "POST /api/2.0/groups/{group_id}/tokens",
                c -> new Request(
                        "/api/2.0/groups/" + groupB.id() + "/tokens",
                        "{\"comment\": \"matrix\", \"lifetime_seconds\": 3600, \"role\": \"group-member\"}"));
        all.put(
                "DELETE /api/2.0/groups/{group_id}/tokens/{token_id}",
                c -> Request.get("/api/2.0/groups/" + groupB.id() + "/tokens/" + groupBToken(false)));
        all.put(
                "GET /api/2.0/groups/{group_id}/tokens/{token_id}",
                c -> Request.get("/api/2.0/groups/" + groupB.id() + "/tokens/" + groupBToken(false)));
        all.put(
                "POST /api/2.0/groups/{group_id}/tokens/{token_id}/restore",
                c -> new Request("/api/2.0/groups/" + groupB.id() + "/tokens/" + groupBToken(true) + "/restore", "{}"));
        all.put(
                "POST /api/2.0/groups/{group_id}/tokens/{token_id}/revoke",
                c -> new Request("/api/2.0/groups/" + groupB.id() + "/tokens/" + groupBToken(false) + "/revoke", "{}"));
        for (String base : List.of(
                "/api/2.0/permissions/authorization/tokens", "/api/2.0/preview/permissions/authorization/tokens")) {
            all.put("GET " + base, c -> Request.get(base));
            all.put("GET " + base + "/permissionLevels", c -> Request.get(base + "/permissionLevels"));
            all.put(
                    "PATCH " + base,
                    c -> new Request(
                            base,
                            "{\"access_control_list\": [{\"user_name\": \""
                                    + user("granted", false).userName() + "\", \"permission_level\": \"CAN_USE\"}]}"));
            all.put("PUT " + base, c -> new Request(base, usageListWith(user("granted", false))));
        }
        for (String kind : List.of("Users", "ServicePrincipals", "Groups")) {
            Function<Cell, String> fresh = c -> switch (kind) {
                case "Users" -> String.valueOf(user("scim-target", false).id());
                case "ServicePrincipals" -> String.valueOf(servicePrincipal().id());
                default -> String.valueOf(freshGroup().id());
            };
            Function<String, String> body = id -> switch (kind) {
                case "Users" ->
                    "{\"userName\": \""
                            + principals
                                    .findById(workspace, new dev.warden.core.principal.PrincipalId(Long.parseLong(id)))
                                    .orElseThrow()
                                    .userName()
                            + "\", \"displayName\": \"renamed\"}";
                case "ServicePrincipals" -> "{\"displayName\": \"renamed\"}";
                default -> "{\"displayName\": \"renamed " + UUID.randomUUID() + "\"}";
            };
            all.put("GET " + scim + "/" + kind, c -> Request.get(scim + "/" + kind + "?count=5"));
            all.put(
                    "POST " + scim + "/" + kind,
                    c -> new Request(
                            scim + "/" + kind,
                            switch (kind) {
                                case "Users" -> "{\"userName\": \"new-" + UUID.randomUUID() + "\"}";
                                case "ServicePrincipals" -> "{\"displayName\": \"new robot\"}";
                                default -> "{\"displayName\": \"new group " + UUID.randomUUID() + "\"}";
                            }));
            all.put("GET " + scim + "/" + kind + "/{id}", c -> Request.get(scim + "/" + kind + "/" + fresh.apply(c)));
            all.put(
                    "DELETE " + scim + "/" + kind + "/{id}",
                    c -> Request.get(scim + "/" + kind + "/" + fresh.apply(c)));
            all.put("PUT " + scim + "/" + kind + "/{id}", c -> {
                String id = fresh.apply(c);
                return new Request(scim + "/" + kind + "/" + id, body.apply(id));
            });
            all.put(
                    "PATCH " + scim + "/" + kind + "/{id}",
                    c -> new Request(
                            scim + "/" + kind + "/" + fresh.apply(c),
                            scimPatch("displayName", "\"patched " + UUID.randomUUID() + "\"")));
        }
        all.put("GET " + scim + "/Me", c -> Request.get(scim + "/Me"));
        all.put("GET /api/2.0/role-assignments", c -> Request.get("/api/2.0/role-assignments"));
        all.put(
                "POST /api/2.0/role-assignments",
                c -> new Request(
                        "/api/2.0/role-assignments",
                        "{\"role_id\": "
                                + roles.findByName(workspace, BuiltInRole.USER.roleName())
                                        .orElseThrow()
                                        .id() + ", \"principal_id\": "
                                + user("assignee", false).id() + "}"));
        all.put(
                "DELETE /api/2.0/role-assignments/{id}",
                c -> Request.get("/api/2.0/role-assignments/"
                        + assignments
                                .add(RoleAssignment.toPrincipal(
                                        workspace,
                                        freshRole().id(),
                                        user("held", false).id(),
                                        null))
                                .id()));
        all.put("GET /api/2.0/roles", c -> Request.get("/api/2.0/roles"));
        all.put(
                "POST /api/2.0/roles",
                c -> new Request(
                        "/api/2.0/roles",
                        "{\"name\": \"matrix-" + UUID.randomUUID() + "\", \"permissions\": [\"tokens:read\"]}"));
        all.put(
                "DELETE /api/2.0/roles/{id}",
                c -> Request.get("/api/2.0/roles/" + freshRole().id()));
        all.put(
                "GET /api/2.0/roles/{id}",
                c -> Request.get("/api/2.0/roles/" + freshRole().id()));
        all.put(
                "PATCH /api/2.0/roles/{id}",
                c -> new Request(
                        "/api/2.0/roles/" + freshRole().id(), "{\"permissions\": [\"tokens:read\", \"scim:read\"]}"));
        all.put("GET /api/2.0/scopes", c -> Request.get("/api/2.0/scopes"));
        all.put("GET /api/2.0/audit-events", c -> Request.get("/api/2.0/audit-events?page_size=5"));
        all.put(
                "GET /api/2.0/audit-events/export",
                c -> Request.get("/api/2.0/audit-events/export?format=jsonl&action=ROLE_ASSIGNED"));
        all.put("GET /api/2.0/services", c -> Request.get("/api/2.0/services"));
        all.put("POST /api/2.0/services", c -> {
            String name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            return new Request(
                    "/api/2.0/services",
                    "{\"name\": \"" + name + "\", \"service_principal_application_id\": \""
                            + servicePrincipal().applicationId() + "\", \"scopes\": [{\"scope\": \"" + name
                            + ":read\"}]}");
        });
        all.put(
                "POST /api/2.0/canary-tokens",
                c -> new Request("/api/2.0/canary-tokens", "{\"comment\": \"matrix canary\"}"));
        all.put("GET /api/2.0/webhooks", c -> Request.get("/api/2.0/webhooks"));
        all.put(
                "POST /api/2.0/webhooks",
                c -> new Request("/api/2.0/webhooks", "{\"url\": \"http://127.0.0.1:9/matrix\"}"));
        all.put("DELETE /api/2.0/webhooks/{id}", c -> Request.get("/api/2.0/webhooks/" + freshWebhook()));
        all.put("GET /api/2.0/webhooks/{id}", c -> Request.get("/api/2.0/webhooks/" + freshWebhook()));
        all.put(
                "PATCH /api/2.0/webhooks/{id}",
                c -> new Request("/api/2.0/webhooks/" + freshWebhook(), "{\"enabled\": false}"));
        all.put(
                "GET /api/2.0/webhooks/{id}/deliveries",
                c -> Request.get("/api/2.0/webhooks/" + freshWebhook() + "/deliveries"));
        all.put(
                "POST /api/2.0/webhooks/{id}/rotate-secret",
                c -> new Request("/api/2.0/webhooks/" + freshWebhook() + "/rotate-secret", "{}"));
        // port 9 (discard) refuses at once on loopback: the test's outcome is a failed try, answered 200
        all.put(
                "POST /api/2.0/webhooks/{id}/test",
                c -> new Request("/api/2.0/webhooks/" + freshWebhook() + "/test", "{}"));
        all.put(
                "DELETE /api/2.0/services/{id}",
                c -> Request.get("/api/2.0/services/" + freshService().id()));
        all.put(
                "GET /api/2.0/services/{id}",
                c -> Request.get("/api/2.0/services/" + freshService().id()));
        all.put(
                "PATCH /api/2.0/services/{id}",
                c -> new Request("/api/2.0/services/" + freshService().id(), "{\"display_name\": \"changed\"}"));
        String secrets = "/api/2.0/accounts/servicePrincipals/%s/credentials/secrets";
        all.put(
                "GET /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets",
                c -> Request.get(secrets.formatted(servicePrincipal().id())));
        // TMW is refused: whoever receives a secret holds what the service principal can do (its user role)
        all.put(
                "POST /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets",
                c -> new Request(secrets.formatted(servicePrincipal().id()), "{\"lifetime\": \"3600s\"}"));
        all.put(
                "DELETE /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets/{secret_id}",
                c -> {
                    Principal robot = servicePrincipal();
                    return Request.get(secrets.formatted(robot.id()) + "/" + secretOf(robot));
                });
        all.put(
                "POST /api/2.0/token-management/on-behalf-of/tokens",
                c -> new Request(
                        "/api/2.0/token-management/on-behalf-of/tokens",
                        "{\"application_id\": \"" + servicePrincipal().applicationId()
                                + "\", \"comment\": \"matrix\", \"lifetime_seconds\": 3600}"));
        all.put(
                "GET /api/2.0/token-management/organisation-tokens",
                c -> Request.get("/api/2.0/token-management/organisation-tokens"));
        all.put(
                "POST /api/2.0/token-management/organisation-tokens",
                c -> new Request(
                        "/api/2.0/token-management/organisation-tokens",
                        "{\"comment\": \"matrix\", \"lifetime_seconds\": 3600, \"role\": \"user\"}"));
        all.put(
                "GET /api/2.0/token-management/tokens",
                c -> Request.get("/api/2.0/token-management/tokens?page_size=5"));
        all.put("POST /api/2.0/token-management/tokens/bulk-revoke", c -> {
            Principal owner = user("bulk", true, BuiltInRole.USER);
            mint(owner, TokenKind.PERSONAL, null, Scope.ALL_APIS, null);
            return new Request(
                    "/api/2.0/token-management/tokens/bulk-revoke",
                    "{\"owner_id\": " + owner.id() + ", \"reason\": \"matrix\"}");
        });
        all.put(
                "POST /api/2.0/token-management/tokens/bulk-revoke/preview",
                c -> new Request(
                        "/api/2.0/token-management/tokens/bulk-revoke/preview",
                        "{\"owner_id\": " + user("bulk", true, BuiltInRole.USER).id() + "}"));
        String managed = "/api/2.0/token-management/tokens/";
        all.put("DELETE " + managed + "{token_id}", c -> Request.get(managed + someonesToken(false)));
        all.put("GET " + managed + "{token_id}", c -> Request.get(managed + someonesToken(false)));
        all.put(
                "PATCH " + managed + "{token_id}",
                c -> new Request(managed + someonesToken(false), "{\"scopes\": [\"tokens:read\"]}"));
        all.put(
                "POST " + managed + "{token_id}/restore",
                c -> new Request(managed + someonesToken(true) + "/restore", "{}"));
        all.put(
                "POST " + managed + "{token_id}/revoke",
                c -> new Request(managed + someonesToken(false) + "/revoke", "{}"));
        all.put(
                "POST " + managed + "{token_id}/rotate",
                c -> new Request(managed + someonesToken(false) + "/rotate", "{\"grace_period_seconds\": 0}"));
        all.put(
                "POST /api/2.0/token/create",
                c -> new Request("/api/2.0/token/create", "{\"comment\": \"matrix\", \"lifetime_seconds\": 3600}"));
        all.put(
                "POST /api/2.0/token/delete",
                c -> new Request("/api/2.0/token/delete", "{\"token_id\": \"" + ownToken(c, false) + "\"}"));
        all.put("GET /api/2.0/token/list", c -> Request.get("/api/2.0/token/list"));
        all.put(
                "POST /api/2.0/token/restore",
                c -> new Request("/api/2.0/token/restore", "{\"token_id\": \"" + ownToken(c, true) + "\"}"));
        all.put(
                "POST /api/2.0/token/revoke",
                c -> new Request("/api/2.0/token/revoke", "{\"token_id\": \"" + ownToken(c, false) + "\"}"));
        all.put(
                "POST /api/2.0/token/rotate",
                c -> new Request(
                        "/api/2.0/token/rotate",
                        "{\"token_id\": \"" + ownToken(c, false) + "\", \"grace_period_seconds\": 0}"));
        all.put(
                "PATCH /api/2.0/token/{token_id}",
                c -> new Request("/api/2.0/token/" + ownToken(c, false), "{\"scopes\": [\"tokens:read\"]}"));
        all.put(
                "GET /api/2.0/inactivity-policy/preview",
                c -> Request.get("/api/2.0/inactivity-policy/preview?days=90"));
        all.put("GET /api/2.0/notification-settings", c -> Request.get("/api/2.0/notification-settings"));
        all.put(
                "PATCH /api/2.0/notification-settings",
                c -> new Request("/api/2.0/notification-settings", "{\"lead_days\": [30, 7, 1]}"));
        all.put("GET /api/2.0/workspace-conf", c -> Request.get("/api/2.0/workspace-conf"));
        all.put(
                "PATCH /api/2.0/workspace-conf",
                c -> new Request("/api/2.0/workspace-conf", "{\"enableTokensConfig\": \"true\"}"));
        return all;
    }

    // ---- the table ------------------------------------------------------------------------------------------------

    private static Map<String, List<String>> expectedTable() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> lines = EXPECTED.lines().filter(line -> !line.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        assertThat(header.subList(1, header.size()))
                .as("the table's columns")
                .containsExactlyElementsOf(
                        Arrays.stream(Caller.values()).map(Enum::name).toList());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).as(line).hasSize(2 + Caller.values().length);
            rows.put(cells[0] + " " + cells[1], List.of(cells).subList(2, cells.length));
        }
        return rows;
    }

    private static String asTable(Map<String, List<String>> rows) {
        return rows.entrySet().stream()
                .map(row -> {
                    String[] parts = row.getKey().split(" ", 2);
                    return String.format("%-6s %-58s ", parts[0], parts[1]) + String.join("  ", row.getValue());
                })
                .collect(Collectors.joining("\n"));
    }
}
