package dev.warden.web.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.permission.Scope;
import dev.warden.web.shared.ApiError;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The two unauthenticated discovery GETs every Databricks SDK client makes at start-up. Host metadata Warden has
 * none of, and says so at once with a 404 (a 429/503 here would make the SDK retry for seconds). The OAuth
 * authorization server metadata (RFC 8414) is served at the Databricks path {@code /oidc/.well-known/...}, which the
 * SDK's {@code oauth-m2m} reads its token endpoint from, and at the RFC's own path, as the same document.
 */
@RestController
class DiscoveryController {
    static final String TOKEN_ENDPOINT = "/oidc/v1/token";
    static final String INTROSPECTION_ENDPOINT = "/oauth2/introspect";

    @GetMapping(path = "/.well-known/databricks-config", produces = "application/json")
    ResponseEntity<ApiError> hostMetadata() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiError.of(
                        ApiError.RESOURCE_DOES_NOT_EXIST,
                        "Warden serves no host metadata; configure the SDK with its host and a token, or a client id"
                                + " and secret (oauth-m2m)."));
    }

    @GetMapping(
            path = {"/oidc/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server"},
            produces = "application/json")
    ResponseEntity<AuthorizationServerMetadata> authorizationServer() {
        String issuer = ServletUriComponentsBuilder.fromCurrentContextPath()
                .replaceQuery(null)
                .build()
                .toUriString();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(new AuthorizationServerMetadata(
                        issuer,
                        issuer + TOKEN_ENDPOINT,
                        List.of("client_credentials"),
                        List.of("client_secret_basic", "client_secret_post"),
                        // Warden's own: the document is the installation's, not one workspace's
                        PermissionCatalogue.with(List.of()).scopes().stream()
                                .map(Scope::key)
                                .toList(),
                        List.of(),
                        issuer + INTROSPECTION_ENDPOINT,
                        // a bearer token of the service principal works too; RFC 8414 has no registered name for it
                        List.of("client_secret_basic")));
    }

    /**
     * RFC 8414 §2. The issuer is Warden's base URL as the caller reached it (behind a trusted proxy, its forwarded
     * scheme and host), so the document at {@code /.well-known/oauth-authorization-server} is valid by §3.3. There is
     * no authorization endpoint (no grant that needs one), hence no response types.
     */
    record AuthorizationServerMetadata(
            String issuer,
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("grant_types_supported") List<String> grantTypesSupported,

            @JsonProperty("token_endpoint_auth_methods_supported")
            List<String> tokenEndpointAuthMethodsSupported,

            @JsonProperty("scopes_supported") List<String> scopesSupported,
            @JsonProperty("response_types_supported") List<String> responseTypesSupported,
            @JsonProperty("introspection_endpoint") String introspectionEndpoint,

            @JsonProperty("introspection_endpoint_auth_methods_supported")
            List<String> introspectionEndpointAuthMethodsSupported) {}
}
