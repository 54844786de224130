package dev.warden.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.StatementCounting;
import dev.warden.web.support.StatementCounting.Count;
import dev.warden.web.support.StatementCounting.Counts;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * DESIGN, "Request cost", over real HTTP: once warm, authenticating and authorising a request runs exactly one SQL
 * statement before its handler (the token row with its workspace's authorisation version), whoever owns the token,
 * and a refusal at any step of the decision chain runs at most that one. Statements are counted on the request's
 * own thread ({@link StatementCounting}); "warm" means the same request was answered once before.
 */
@WardenSpringBootTest
@Import(StatementCounting.class)
class RequestCostIT {
    private static final String LIST = "/api/2.0/token/list";

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private Counts counts;

    @Autowired
    private TokenService tokens;

    @Autowired
    private DirectoryService directory;

    @Autowired
    private SettingsService settings;

    @Autowired
    private MutableClock clock;

    private ApiClient api;
    private TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    /** The request answered twice; what the second (warm) one ran. */
    private Count warm(String path, String token, int status) {
        for (int i = 0; i < 2; i++) {
            String id = UUID.randomUUID().toString();
            Response response = api.get(path, token, StatementCounting.HEADER, id);
            assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(status);
            if (i == 1) {
                return counts.of(id);
            }
        }
        throw new AssertionError();
    }

    private IssuedToken issue(Principal owner, List<String> scopes) {
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("cost", null, scopes));
    }

    private void assertRefusedWithAtMostOneStatement(String path, String token, int status) {
        Count count = warm(path, token, status);
        assertThat(count.beforeHandler()).as("no handler ran").isNull();
        assertThat(count.total()).as("statements of a warm refusal").isLessThanOrEqualTo(1);
    }

    @Test
    void aWarmAcceptedRequestRunsOneStatementBeforeItsHandlerForAUsersAnAdminsAndAServicePrincipalsToken() {
        Principal user = testData.user("cost-user", BuiltInRole.USER);
        Principal robot = testData.servicePrincipal(TestData.unique("cost robot"));
        Map<String, String> byOwner = Map.of(
                "user", testData.token(user),
                "workspace admin", WardenSpringBootTest.ADMIN_TOKEN,
                "service principal", testData.usableToken(robot));

        byOwner.forEach((owner, token) -> {
            for (String path : List.of(LIST, "/api/2.0/preview/scim/v2/Me")) {
                assertThat(warm(path, token, 200).beforeHandler())
                        .as("statements before the handler of %s for a %s's token", path, owner)
                        .isEqualTo(1);
            }
        });
    }

    /**
     * A read handler's services reuse what the decision chain resolved for the token's owner (its principal and
     * permissions at the current authorisation version) instead of reading the owner and its roles and groups again:
     * SCIM Me reads only what the decision did not, the owner's groups and entitlements. It ran 15 before.
     */
    @Test
    void scimMeReadsOnlyTheOwnersGroupsAndEntitlementsAfterTheDecision() {
        Principal robot = testData.servicePrincipal(TestData.unique("cost me robot"));
        Map<String, String> byOwner = Map.of(
                "user", testData.token(testData.user("cost-me-user", BuiltInRole.USER)),
                "workspace admin", WardenSpringBootTest.ADMIN_TOKEN,
                "service principal", testData.usableToken(robot));

        byOwner.forEach((owner, token) -> {
            Count count = warm("/api/2.0/preview/scim/v2/Me", token, 200);
            assertThat(count.beforeHandler())
                    .as("before the handler, %s's token", owner)
                    .isEqualTo(1);
            assertThat(count.total())
                    .as("in all: token, groups, entitlements; %s's token", owner)
                    .isEqualTo(3);
        });
    }

    @Test
    void aWarmRefusalRunsAtMostOneStatementWhicheverStepRefusesIt() {
        Principal user = testData.user("cost-refused", BuiltInRole.USER);
        String unknown = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();

        IssuedToken revoked = issue(user, null);
        tokens.revoke(Actor.of(user, "127.0.0.1"), revoked.token().id());

        IssuedToken expiring =
                tokens.create(Actor.of(user, "127.0.0.1"), new CreateTokenCommand("short", Duration.ofDays(1), null));

        Principal deactivated = testData.user("cost-deactivated", BuiltInRole.USER);
        String ofDeactivated = testData.token(deactivated);
        directory.setActive(testData.admin(), PrincipalKind.USER, deactivated.id(), false);

        Principal offTheList = testData.user("cost-off-the-list", BuiltInRole.USER);
        String ofOffTheList = testData.token(offTheList);
        testData.revokeTokenUsage(offTheList);

        String scimOnly = issue(user, List.of("scim:read")).secret().reveal();

        TestData.OtherWorkspace disabled = testData.otherWorkspace();
        settings.update(Actor.of(disabled.admin(), "127.0.0.1"), Map.of(SettingsService.ENABLE_TOKENS, "false"));

        assertRefusedWithAtMostOneStatement(LIST, null, 401); // step 1
        assertRefusedWithAtMostOneStatement(LIST, "wdn_not-a-token", 401); // step 2
        assertRefusedWithAtMostOneStatement(LIST, unknown, 401); // step 3
        assertRefusedWithAtMostOneStatement(LIST, revoked.secret().reveal(), 401);
        assertRefusedWithAtMostOneStatement(LIST, disabled.adminToken(), 403);
        assertRefusedWithAtMostOneStatement(LIST, ofDeactivated, 401);
        assertRefusedWithAtMostOneStatement(LIST, ofOffTheList, 403);
        assertRefusedWithAtMostOneStatement("/api/2.0/token-management/tokens", testData.token(user), 403); // role
        assertRefusedWithAtMostOneStatement(LIST, scimOnly, 403); // scope
        clock.advance(Duration.ofDays(2));
        assertRefusedWithAtMostOneStatement(LIST, expiring.secret().reveal(), 401);
    }

    /**
     * The console's htmx machinery (htmx-spring-boot's interceptor, which looks up its annotations on every handler)
     * runs for console pages only: an API answer, even to a request that says it comes from htmx, is untouched by it,
     * while a console page still varies by {@code HX-Request}.
     */
    @Test
    void theConsolesHtmxInterceptorDoesNotRunForTheApi() {
        Response api = this.api.get(LIST, WardenSpringBootTest.ADMIN_TOKEN, "HX-Request", "true");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.raw().headers().allValues("Vary")).noneMatch(vary -> vary.contains("HX-Request"));

        ConsoleSession console = new ConsoleSession(port);
        console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD);
        assertThat(console.getHtmx("/settings/user/tokens").headers().allValues("Vary"))
                .anyMatch(vary -> vary.contains("HX-Request"));
    }

    /**
     * The webjar links' rewriting runs for console pages only ({@code ConsoleResourceUrls}; its path decision is
     * unit-tested): a page still links htmx by its versioned path.
     */
    @Test
    void consolePagesStillLinkWebjarsByVersion() {
        ConsoleSession console = new ConsoleSession(port);
        console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD);
        assertThat(console.get("/settings/user/tokens").body())
                .containsPattern("/webjars/htmx\\.org/\\d[^/\"]*/dist/htmx\\.min\\.js");
    }

    /**
     * Repositories are the classes themselves, not proxies: Boot's exception-translation proxy (off, as no JPA
     * translator exists) made every repository call a reflective hop.
     */
    @Test
    void repositoriesAreNotProxied() {
        for (Object repository :
                List.of(context.getBean(TokenRepository.class), context.getBean(RoleAssignmentRepository.class))) {
            assertThat(AopUtils.isAopProxy(repository))
                    .as(() -> repository.getClass() + " "
                            + (repository instanceof Advised advised ? Arrays.toString(advised.getAdvisors()) : ""))
                    .isFalse();
        }
    }

    /**
     * Spring MVC asks the application's request mappings before Actuator's (Boot puts Actuator's first), and
     * Actuator's endpoints still answer through theirs. Actuator's mappings are found by their type, not by the
     * package test {@code ActuatorMappingsLast} uses, so a mapping Boot moves elsewhere shows up here.
     */
    @Test
    void actuatorsHandlerMappingsComeAfterTheApplications() {
        int application = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getOrder();
        assertThat(context.getBeansOfType(AbstractWebMvcEndpointHandlerMapping.class)
                        .values())
                .isNotEmpty()
                .allSatisfy(actuator -> assertThat(actuator.getOrder()).isGreaterThan(application));
        assertThat(api.get("/actuator/health/readiness", null).body()).contains("\"status\":\"UP\"");
        assertThat(api.get("/actuator/prometheus", WardenSpringBootTest.ADMIN_TOKEN)
                        .body())
                .contains("warden_decisions_total");
    }

    /**
     * An API request passes only the security filters it needs: the bearer filter authenticates it or answers it,
     * so there is no session filter, anonymous user or servlet-API request wrapper after it; and no WebSocket
     * filter (Warden serves none) in the servlet chain.
     */
    @Test
    void theApiChainHasNoSessionAnonymousOrServletApiFilters() {
        List<String> filters = context.getBean("api", SecurityFilterChain.class).getFilters().stream()
                .map(filter -> filter.getClass().getSimpleName())
                .toList();
        assertThat(filters)
                .contains("BearerTokenFilter", "AuthorizationFilter")
                .doesNotContain(
                        "SessionManagementFilter",
                        "AnonymousAuthenticationFilter",
                        "SecurityContextHolderAwareRequestFilter");
        assertThat(ClassUtils.isPresent("org.apache.tomcat.websocket.server.WsFilter", null))
                .as("Tomcat's WebSocket support on the class path")
                .isFalse();
        assertThat(api.get(LIST, WardenSpringBootTest.ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(api.get(LIST, null).status()).isEqualTo(401);
    }

    /**
     * A path under {@code /api} or the OAuth endpoints that no route serves is not found before Spring MVC asks the
     * static resource handler (which looked it up in every jar on the class path: seven times the cost of an answered
     * request); the answer is the API's 404, and a route with another method still answers 405.
     */
    @Test
    void anUnknownApiPathIsNotLookedUpAsAStaticResource() throws Exception {
        for (String path : List.of("/api/2.0/nothing-here", "/api", "/oauth2/nothing", "/oidc/v1/nothing")) {
            assertThat(firstHandlerFor(path)).as(path).isNotInstanceOf(ResourceHttpRequestHandler.class);
        }
        assertThat(firstHandlerFor("/css/warden.css")).isInstanceOf(ResourceHttpRequestHandler.class);

        Response unknown = api.get("/api/2.0/nothing-here", WardenSpringBootTest.ADMIN_TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(unknown.body()).contains("No API endpoint at /api/2.0/nothing-here.");
        assertThat(api.post(LIST, WardenSpringBootTest.ADMIN_TOKEN, "{}").status())
                .isEqualTo(405);
        assertThat(api.get("/oauth2/nothing", null).status()).isEqualTo(404);
        assertThat(new ConsoleSession(port).get("/css/warden.css").statusCode()).isEqualTo(200);
    }

    /** The handler Spring MVC would pick for a GET of the path: the first handler mapping, in order, that has one. */
    private Object firstHandlerFor(String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request);
        List<HandlerMapping> mappings =
                new ArrayList<>(context.getBeansOfType(HandlerMapping.class).values());
        AnnotationAwareOrderComparator.sort(mappings);
        for (HandlerMapping mapping : mappings) {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain != null) {
                return chain.getHandler();
            }
        }
        return null;
    }

    /** Spring's per-request ServletRequestHandledEvent is off: nothing listens, and it cost every request CPU. */
    @Test
    void noRequestHandledEventIsPublished() {
        HandledEvents events = new HandledEvents();
        ((ConfigurableApplicationContext) context).addApplicationListener(events);
        assertThat(api.get(LIST, WardenSpringBootTest.ADMIN_TOKEN).status()).isEqualTo(200);
        new ConsoleSession(port).get("/login");
        assertThat(events.count).hasValue(0);

        // the listener does hear such an event when one is published
        context.publishEvent(new ServletRequestHandledEvent(this, "/x", "127.0.0.1", "GET", "test", null, null, 1));
        assertThat(events.count).hasValue(1);
    }

    private static final class HandledEvents implements ApplicationListener<ServletRequestHandledEvent> {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onApplicationEvent(ServletRequestHandledEvent event) {
            count.incrementAndGet();
        }
    }
}
