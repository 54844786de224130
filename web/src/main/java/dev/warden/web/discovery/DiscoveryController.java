package dev.warden.web.discovery;

import dev.warden.web.shared.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two unauthenticated discovery GETs every Databricks SDK client makes at start-up. Warden has neither
 * host metadata nor OIDC, and says so at once with a 404: a 429/503 here would make the SDK retry for seconds.
 */
@RestController
class DiscoveryController {

    @GetMapping(path = "/.well-known/databricks-config", produces = "application/json")
    ResponseEntity<ApiError> hostMetadata() {
        return notServed("Warden serves no host metadata; configure the SDK with host and token.");
    }

    @GetMapping(path = "/oidc/.well-known/oauth-authorization-server", produces = "application/json")
    ResponseEntity<ApiError> oidcDiscovery() {
        return notServed("Warden does not offer OAuth; authenticate with a personal access token (auth_type pat).");
    }

    private static ResponseEntity<ApiError> notServed(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(ApiError.RESOURCE_DOES_NOT_EXIST, message));
    }
}
