package dev.warden.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenService;
import dev.warden.web.shared.ApiRoutes;
import dev.warden.web.shared.ApiRoutes.Route;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestData.OtherWorkspace;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Check access tells the truth: for every API endpoint of {@link ApiRoutes#all()} × a set of token owners × a set of
 * token scope sets, the real request with the token gets through the decision chain exactly when
 * {@code POST /api/2.0/access/check} says it is allowed, and when it is refused, it is refused with the status and
 * reason code check access names.
 * <p>
 * Set-up and exclusions:
 * <ul>
 * <li>Everything happens in a workspace of its own, so nothing a request does reaches the other test classes
 * sharing the application.</li>
 * <li>Owners: {@code workspace-admin}; {@code user}; {@code auditor}; a custom role holding only
 * {@code token-management:read}; {@code group-admin} of one group (the group every group path names); and, changed
 * after their tokens were made, an admin demoted to {@code user}, a {@code user} taken off the token usage list, and
 * a deactivated {@code user}. Scope sets: {@code all-apis}; the endpoint's own permission; an unrelated one; both;
 * two unrelated ones. A combination whose scopes the owner's roles do not grant is skipped, because creating that
 * token is refused (no escalation through tokens); the skips are counted.</li>
 * <li>Path variables hold real ids: a token, a group token of the group, a user, a service principal, the group, a
 * custom role, a role assignment. A request other than GET acts on a fixture made for it alone (a fresh token, user,
 * group, role…), so deleting, revoking or restoring never changes what a later combination sees; POST, PUT and PATCH
 * send a JSON string as their body, which no handler accepts: the permission steps run before the handler reads
 * its body, so a 400 after them counts as "through the chain", and nothing changes. No endpoint is left out.</li>
 * <li>Check access is asked first, by the workspace's admin; then the real request is sent with the token.</li>
 * </ul>
 */
@WardenSpringBootTest
class CheckAccessConsistencyIT {
    private static final String CHECK = "/api/2.0/access/check";
    private static final String LOCAL = "127.0.0.1";
    /** A JSON value no API handler accepts as its body. */
    private static final String UNACCEPTABLE_BODY = "\"check-access consistency: not a request body\"";

    private static final Set<String> CHAIN_REASONS = Stream.concat(
                    Arrays.stream(DenialReason.values()).map(DenialReason::name),
                    Stream.of(AccessCheckApiController.UNDECLARED))
            .collect(Collectors.toSet());
    private static final List<Permission> UNRELATED =
            List.of(Permission.SCIM_READ, Permission.TOKENS_READ, Permission.ROLES_READ);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApiRoutes routes;

    @Autowired
    TokenService tokens;

    @Autowired
    RoleService roles;

    @Autowired
    GroupService groups;

    @Autowired
    DirectoryService directoryService;

    @Autowired
    TechnicalTokenService technical;

    @Autowired
    PrincipalRepository principals;

    private ApiClient api;
    private TestData testData;
    private OtherWorkspace workspace;
    private Actor admin;
    private Group group;
    private Principal targetUser;
    private Principal targetServicePrincipal;
    private String targetToken;
    private String targetGroupToken;
    private Role targetRole;
    private RoleAssignment targetAssignment;
    private final Set<String> unknownVariables = new TreeSet<>();

    /** A token owner, and what happens to it once its tokens exist. */
    private record Owner(String label, Principal principal, Consumer<Principal> afterTokensExist) {}

    private record Credential(String id, String secret) {}

    @Test
    void theRealRequestGetsWhatCheckAccessSays() {
        long started = System.nanoTime();
        setUpWorkspace();
        List<Route> all = routes.all();
        List<Owner> owners = owners();
        Map<Permission, List<Set<String>>> scopeSets = new LinkedHashMap<>();
        all.forEach(route -> scopeSets.computeIfAbsent(route.permission(), CheckAccessConsistencyIT::scopeSetsFor));
        Map<String, Map<Set<String>, Credential>> credentials = new LinkedHashMap<>();
        for (Owner owner : owners) {
            Map<Set<String>, Credential> made = new LinkedHashMap<>();
            scopeSets.values().stream()
                    .flatMap(List::stream)
                    .distinct()
                    .forEach(scopes -> made.put(scopes, tokenOf(owner.principal(), scopes)));
            credentials.put(owner.label(), made);
            owner.afterTokensExist().accept(owner.principal());
        }

        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        Map<String, Set<String>> outcomesByRoute = new LinkedHashMap<>();
        int checked = 0;
        int skipped = 0;
        for (Route route : all) {
            for (Owner owner : owners) {
                for (Set<String> scopes : scopeSets.get(route.permission())) {
                    Credential token = credentials.get(owner.label()).get(scopes);
                    if (token == null) {
                        skipped++;
                        continue;
                    }
                    String path = fill(route);
                    JsonNode verdict = check(token, route.method(), path);
                    Response real = send(route.method(), path, token.secret());
                    checked++;
                    String combination = owner.label() + " " + scopes + " " + route.method() + " " + path;
                    String outcome = compare(verdict, real, mismatches, combination);
                    if (real.status() >= 500) {
                        serverErrors.add(combination + ": " + real);
                    }
                    statuses.merge(outcome + " " + real.status(), 1, Integer::sum);
                    outcomes.merge(outcome, 1, Integer::sum);
                    outcomesByRoute
                            .computeIfAbsent(route.label(), key -> new TreeSet<>())
                            .add(outcome);
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf(
                "check access consistency: %d combinations checked (%d endpoints x %d owners x scope sets;"
                        + " %d skipped: scopes the owner's roles do not grant) in %d s; outcomes %s; real statuses"
                        + " %s%s%n",
                checked,
                all.size(),
                owners.size(),
                skipped,
                seconds,
                outcomes,
                statuses,
                unknownVariables.isEmpty() ? "" : "; path variables filled with 1: " + unknownVariables);

        assertThat(mismatches)
                .as(
                        "%d of %d combinations where the real request and check access disagree",
                        mismatches.size(), checked)
                .isEmpty();
        assertThat(serverErrors).as("a malformed request never yields a 5xx").isEmpty();
        assertThat(checked).as("combinations checked").isGreaterThanOrEqualTo(Math.max(500, all.size() * 15));
        assertThat(outcomes)
                .containsKeys(
                        "allowed",
                        "ROLE_LACKS_PERMISSION",
                        "SCOPE_MISSING",
                        "NO_TOKEN_USAGE_PERMISSION",
                        "OWNER_INACTIVE");
        assertThat(outcomesByRoute).as("every endpoint was reached").hasSize(all.size());
        outcomesByRoute.forEach((route, seen) -> assertThat(seen)
                .as(route + " was both let through and refused")
                .contains("allowed")
                .hasSizeGreaterThan(1));
    }

    /**
     * The agreement rule: a refusal by the chain (401/403 with one of its reasons) ⇔ check access refuses with that
     * status and reason; anything else (the handler's own answer) ⇔ check access allows. Returns the outcome.
     */
    private static String compare(JsonNode verdict, Response real, List<String> mismatches, String combination) {
        String reason = real.status() == 401 || real.status() == 403 ? reasonOf(real) : null;
        boolean refusedByChain = reason != null && CHAIN_REASONS.contains(reason);
        boolean allowed = verdict.path("allowed").asBoolean(false);
        boolean agree = refusedByChain
                ? !allowed
                        && verdict.path("status").asInt() == real.status()
                        && reason.equals(verdict.path("reason").asString(""))
                : allowed;
        if (!verdict.has("allowed") || !agree) {
            mismatches.add(combination + ": real " + real.status() + (reason == null ? "" : " " + reason)
                    + ", check access "
                    + (!verdict.has("allowed")
                            ? verdict.toString()
                            : allowed
                                    ? "allowed"
                                    : verdict.path("status").asInt() + " "
                                            + verdict.path("reason").asString("")));
        }
        return refusedByChain ? reason : "allowed";
    }

    private static String reasonOf(Response real) {
        try {
            return real.reason();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private JsonNode check(Credential token, String method, String path) {
        Response verdict = api.post(
                CHECK,
                workspace.adminToken(),
                ApiClient.json("{'token_id':'%s','method':'%s','path':'%s'}", token.id(), method, path));
        assertThat(verdict.status())
                .as("check access for %s %s: %s", method, path, verdict)
                .isEqualTo(200);
        return verdict.json();
    }

    private Response send(String method, String path, String secret) {
        return switch (method) {
            case "POST", "PUT", "PATCH" -> api.send(method, path, secret, "application/json", UNACCEPTABLE_BODY);
            default -> api.send(method, path, secret, null, null);
        };
    }

    /** {@code all-apis}; the permission itself; an unrelated one; both; two unrelated ones. */
    private static List<Set<String>> scopeSetsFor(Permission permission) {
        if (permission == null) {
            return List.of(Set.of(Scope.ALL_APIS.key()));
        }
        List<String> unrelated = UNRELATED.stream()
                .filter(other -> other != permission)
                .map(Permission::key)
                .toList();
        return List.of(
                Set.of(Scope.ALL_APIS.key()),
                Set.of(permission.key()),
                Set.of(unrelated.get(0)),
                Set.of(permission.key(), unrelated.get(0)),
                Set.of(unrelated.get(0), unrelated.get(1)));
    }

    /** The owner's token with these scopes, or null when the owner's roles do not grant them. */
    private Credential tokenOf(Principal owner, Set<String> scopes) {
        try {
            IssuedToken issued = tokens.create(
                    Actor.of(owner, LOCAL),
                    new CreateTokenCommand("consistency " + scopes, null, List.copyOf(new TreeSet<>(scopes))));
            return new Credential(issued.token().id().value(), issued.secret().reveal());
        } catch (InvalidParameterException refused) {
            assertThat(refused.field()).as(refused.getMessage()).isEqualTo("scopes");
            return null;
        }
    }

    private void setUpWorkspace() {
        api = new ApiClient(port);
        testData = TestData.of(context);
        workspace = testData.otherWorkspace();
        admin = Actor.of(workspace.admin(), LOCAL);
        group = groups.create(admin, unique("consistency-group"), null, List.of());
        targetUser = testData.user(workspace.workspace().id(), "consistency-target", BuiltInRole.USER);
        targetServicePrincipal = newServicePrincipal();
        targetToken = newPersonalToken();
        targetGroupToken = newGroupToken();
        targetRole = newRole();
        targetAssignment = newAssignment();
    }

    private List<Owner> owners() {
        Consumer<Principal> nothing = principal -> {};
        Principal customHolder = testData.user(workspace.workspace().id(), "consistency-custom");
        roles.assign(
                admin,
                roles.create(
                                admin,
                                unique("token-readers"),
                                "only token-management:read",
                                Set.of(Permission.TOKEN_MANAGEMENT_READ))
                        .id(),
                customHolder.id(),
                null,
                null);
        Principal groupAdmin = testData.user(workspace.workspace().id(), "consistency-group-admin");
        roles.assign(admin, builtIn(BuiltInRole.GROUP_ADMIN).id(), groupAdmin.id(), null, group.id());
        return List.of(
                new Owner("workspace-admin", owner(BuiltInRole.WORKSPACE_ADMIN), nothing),
                new Owner("user", owner(BuiltInRole.USER), nothing),
                new Owner("auditor", owner(BuiltInRole.AUDITOR), nothing),
                new Owner("custom token-management:read", customHolder, nothing),
                new Owner("group-admin of " + group.id(), groupAdmin, nothing),
                new Owner("admin demoted to user", owner(BuiltInRole.WORKSPACE_ADMIN, BuiltInRole.USER), this::demote),
                new Owner("user off the token usage list", owner(BuiltInRole.USER), testData::revokeTokenUsage),
                new Owner(
                        "deactivated user",
                        owner(BuiltInRole.USER),
                        principal -> principals.save(principal.withActive(false))));
    }

    private Principal owner(BuiltInRole... held) {
        return testData.user(workspace.workspace().id(), "consistency-" + held[0].roleName(), held);
    }

    private void demote(Principal principal) {
        Role workspaceAdmin = builtIn(BuiltInRole.WORKSPACE_ADMIN);
        roles.holders(admin, workspaceAdmin.id()).stream()
                .filter(held -> principal.id().equals(held.principal()))
                .forEach(held -> roles.unassign(admin, held.id()));
    }

    private Role builtIn(BuiltInRole role) {
        return roles.list(admin).stream()
                .filter(r -> r.builtIn() && r.name().equals(role.roleName()))
                .findFirst()
                .orElseThrow();
    }

    /** The route's path with real ids; a request other than GET gets fixtures of its own. */
    private String fill(Route route) {
        boolean fresh = !route.method().equals("GET");
        String[] segments = route.path().split("/", -1);
        List<String> filled = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1).split(":", 2)[0];
                filled.add(value(route, name, i == 0 ? "" : segments[i - 1], fresh));
            } else {
                filled.add(segment);
            }
        }
        return String.join("/", filled);
    }

    private String value(Route route, String variable, String collection, boolean fresh) {
        switch (variable) {
            case "group_id":
                return String.valueOf(group.id().value());
            case "token_id":
                if (route.path().contains("/groups/{group_id}/tokens/")) {
                    return fresh ? newGroupToken() : targetGroupToken;
                }
                return fresh ? newPersonalToken() : targetToken;
            case "id":
                switch (collection) {
                    case "Users":
                        return String.valueOf(
                                (fresh ? newUser() : targetUser).id().value());
                    case "ServicePrincipals":
                        return String.valueOf((fresh ? newServicePrincipal() : targetServicePrincipal)
                                .id()
                                .value());
                    case "Groups":
                        // PUT and PATCH name the group-admin's group (group-scoped); DELETE a group of its own.
                        return String.valueOf((route.method().equals("DELETE")
                                        ? groups.create(admin, unique("consistency-doomed"), null, List.of())
                                        : group)
                                .id()
                                .value());
                    case "roles":
                        return String.valueOf(
                                (fresh ? newRole() : targetRole).id().value());
                    case "role-assignments":
                        return String.valueOf((fresh ? newAssignment() : targetAssignment)
                                .id()
                                .value());
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        unknownVariables.add(route.label() + " {" + variable + "}");
        return "1";
    }

    private Principal newUser() {
        return principals.save(
                Principal.newUser(workspace.workspace().id(), unique("consistency-doomed"), "doomed user", null));
    }

    private Principal newServicePrincipal() {
        return directoryService.createServicePrincipal(
                admin, new ServicePrincipalDetails(null, unique("consistency-sp"), null, true));
    }

    private String newPersonalToken() {
        return tokens.create(Actor.of(targetUser, LOCAL), new CreateTokenCommand("target", null, null))
                .token()
                .id()
                .value();
    }

    private String newGroupToken() {
        return technical
                .createGroupToken(
                        admin,
                        group.id(),
                        new CreateTokenCommand("target", null, null),
                        BuiltInRole.GROUP_MEMBER.roleName())
                .token()
                .id()
                .value();
    }

    private Role newRole() {
        return roles.create(admin, unique("consistency-role"), "a target", Set.of(Permission.AUDIT_READ));
    }

    /** The target user gets a role of its own, so assignments never repeat. */
    private RoleAssignment newAssignment() {
        return roles.assign(admin, newRole().id(), targetUser.id(), null, null);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
