package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.service.ServiceScopeInput;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Services that rely on Warden, with real clients nobody here wrote: Spring Security's resource server
 * (opaque-token introspection against {@code /oauth2/introspect}) and nginx's {@code auth_request} (against
 * {@code /api/2.0/forward-auth}). The same cases through both: a token with the read scope is let in, a revoked one is
 * 401, one with only the write scope is 403, and a role change of the owner takes effect on the next call (neither
 * client caches Warden's answer).
 */
@WardenE2ETest
class RelyingServicesIT {
    @LocalServerPort
    int port;

    @Autowired
    ServiceRegistry services;

    @Autowired
    DirectoryService directory;

    @Autowired
    RoleService roles;

    @Autowired
    TokenService tokens;

    @Autowired
    TokenUsageService tokenUsage;

    @Autowired
    ServicePrincipalSecretService secrets;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    private Actor admin;
    private String read;
    private String write;
    private Principal robot;
    private String robotSecret;
    private Role editor;
    private Principal owner;
    private String readerToken;
    private String writerToken;
    private String revokedToken;

    /** A wiki registered with two scopes, and tokens of a user whose role grants both. */
    @BeforeEach
    void aRegisteredWikiAndTokens() {
        admin = Actor.of(
                principals
                        .findByUserName(
                                workspaces.findByName("main").orElseThrow().id(), WardenE2ETest.ADMIN_USER)
                        .orElseThrow(),
                "127.0.0.1");
        String name = "wiki" + UUID.randomUUID().toString().substring(0, 6);
        read = name + ":read";
        write = name + ":write";
        robot = directory.createServicePrincipal(admin, new ServicePrincipalDetails(null, name + " robot", null, true));
        RegisteredService wiki = services.register(
                admin,
                name,
                "Team wiki",
                robot.applicationId(),
                List.of(new ServiceScopeInput(read, "Read pages"), new ServiceScopeInput(write, "Edit pages")));
        robotSecret = secrets.create(admin, robot.id(), null).value().reveal();
        editor = roles.create(admin, name + "-editor", "reads and edits the wiki", Set.of(scope(read), scope(write)));
        owner = directory.createUser(
                admin, new UserDetails(name + "-user", name + " user", null, null, null, null, true), null);
        roles.assign(admin, editor.id(), owner.id(), null, null);
        tokenUsage.patch(admin, List.of(TokenUsageEntry.forPrincipal(owner.id(), TokenUsageLevel.CAN_USE)));
        readerToken = token(read, write).secret().reveal();
        writerToken = token(write).secret().reveal();
        IssuedToken revoked = token(read);
        tokens.revoke(Actor.of(owner, "127.0.0.1"), revoked.token().id());
        revokedToken = revoked.secret().reveal();
        assertThat(wiki.scopes()).hasSize(2);
    }

    private Permission scope(String key) {
        return services.catalogue(admin.workspace()).find(key).orElseThrow();
    }

    private IssuedToken token(String... scopes) {
        return tokens.create(
                Actor.of(owner, "127.0.0.1"),
                new CreateTokenCommand("for the wiki", Duration.ofDays(1), List.of(scopes)));
    }

    /** The owner's role no longer grants the read scope: the reader token can only write now. */
    private void takeReadFromTheRole() {
        roles.update(admin, editor.id(), editor.name(), editor.description(), Set.of(scope(write)));
    }

    /** The journeys share one application; others count the catalogue's scopes. */
    @AfterEach
    void removeTheServices() {
        services.list(admin).forEach(service -> services.delete(admin, service.id()));
    }

    @Test
    void springSecuritysResourceServerTrustsWardensIntrospection() {
        try (ResourceServerApp wiki =
                ResourceServerApp.start(LocalApp.baseUrl(port), robot.applicationId(), robotSecret, read)) {
            HttpResponse<String> allowed = wiki.get("/pages", readerToken);
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("pages for " + owner.id());

            assertThat(wiki.get("/pages", revokedToken).statusCode()).isEqualTo(401);
            assertThat(wiki.get("/pages", writerToken).statusCode()).isEqualTo(403);
            assertThat(wiki.get("/pages", "garbage").statusCode()).isEqualTo(401);
            assertThat(wiki.get("/pages", null).statusCode()).isEqualTo(401);

            takeReadFromTheRole();

            assertThat(wiki.get("/pages", readerToken).statusCode())
                    .as("the next call after the role change")
                    .isEqualTo(403);
        }
    }

    @Test
    void nginxAuthRequestAsksWardensForwardAuthentication() {
        int upstream = Nginx.freePort();
        int proxy = Nginx.freePort();
        try (Nginx nginx = Nginx.start(dir -> servers(proxy, upstream, port, read), proxy)) {
            HttpResponse<String> allowed = get(nginx.port(), readerToken);
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("wiki page for " + owner.userName() + "\n");

            HttpResponse<String> revoked = get(nginx.port(), revokedToken);
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.headers().firstValue("WWW-Authenticate"))
                    .contains("Bearer realm=\"warden\", error=\"invalid_token\"");
            assertThat(revoked.headers().firstValue("X-Warden-Reason")).contains("TOKEN_REVOKED");

            HttpResponse<String> writer = get(nginx.port(), writerToken);
            assertThat(writer.statusCode()).isEqualTo(403);
            assertThat(writer.headers().firstValue("X-Warden-Reason")).contains("SCOPE_MISSING");

            assertThat(get(nginx.port(), null).statusCode()).isEqualTo(401);

            takeReadFromTheRole();

            HttpResponse<String> after = get(nginx.port(), readerToken);
            assertThat(after.statusCode())
                    .as("the next call after the role change")
                    .isEqualTo(403);
            assertThat(after.headers().firstValue("X-Warden-Reason")).contains("ROLE_LACKS_PERMISSION");
        }
    }

    /**
     * The README's nginx block ("Protecting your own services with Warden"), with loopback ports: every request to
     * the wiki first asks Warden's forward authentication for {@code scope}; the wiki (nginx itself here) gets the
     * principal's name, and a refusal carries Warden's reason code.
     */
    static String servers(int listen, int upstream, int warden, String scope) {
        return String.join(
                "\n",
                "  server {",
                "    listen 127.0.0.1:" + listen + ";",
                "    location / {",
                "      auth_request /_warden;",
                "      auth_request_set $warden_principal $upstream_http_x_warden_principal;",
                "      auth_request_set $warden_reason $upstream_http_x_warden_reason;",
                "      add_header X-Warden-Reason $warden_reason always;",
                "      proxy_set_header X-Warden-Principal $warden_principal;",
                "      proxy_pass http://127.0.0.1:" + upstream + ";",
                "    }",
                "    location = /_warden {",
                "      internal;",
                "      proxy_pass http://127.0.0.1:" + warden + "/api/2.0/forward-auth?scope=" + scope + ";",
                "      proxy_pass_request_body off;",
                "      proxy_set_header Content-Length \"\";",
                "      proxy_set_header X-Forwarded-For $remote_addr;",
                "    }",
                "  }",
                "  server {",
                "    listen 127.0.0.1:" + upstream + ";",
                "    location / { default_type text/plain; return 200 \"wiki page for $http_x_warden_principal\\n\"; }",
                "  }");
    }

    private static HttpResponse<String> get(int port, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pages"))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
