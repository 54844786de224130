package dev.warden.web.oauth;

import dev.warden.core.oauth.CreatedSecret;
import dev.warden.core.oauth.SecretCursor;
import dev.warden.core.oauth.SecretId;
import dev.warden.core.oauth.SecretPage;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;
import dev.warden.web.oauth.SecretApiModels.CreateSecretRequest;
import dev.warden.web.oauth.SecretApiModels.CreatedSecretResponse;
import dev.warden.web.oauth.SecretApiModels.ListSecretsResponse;
import dev.warden.web.oauth.SecretApiModels.SecretInfo;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * OAuth secrets of service principals, as the Databricks SDK's {@code servicePrincipalSecretsProxy()} calls them.
 * {@code service_principal_id} is the service principal's SCIM id. The secret is in the create response only.
 */
@ApiController
@Tag(
        name = "Service principal secrets",
        description = "OAuth client secrets of service principals (Databricks dialect)")
@RequestMapping(
        path = "/api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets",
        produces = "application/json")
class ServicePrincipalSecretApiController {
    /** Whole seconds, with Databricks' duration suffix or without, and a fraction that is ignored. */
    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,12})(?:\\.\\d{1,9})?s?");

    private final ServicePrincipalSecretService secrets;
    private final Clock clock;

    ServicePrincipalSecretApiController(ServicePrincipalSecretService secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @PostMapping
    @RequiresPermission("token-management:write")
    ResponseEntity<CreatedSecretResponse> create(
            Actor actor,
            @PathVariable("service_principal_id") String servicePrincipalId,
            @RequestBody(required = false) CreateSecretRequest request) {
        CreatedSecret created = secrets.create(
                actor, principalId(servicePrincipalId), lifetime(request == null ? null : request.lifetime()));
        // The secret is in this response only: nothing on the way may keep a copy.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(CreatedSecretResponse.of(created, clock.instant()));
    }

    @GetMapping
    @RequiresPermission("token-management:read")
    @Parameter(name = "page_size", in = ParameterIn.QUERY, schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "page_token", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    ListSecretsResponse list(
            Actor actor,
            @PathVariable("service_principal_id") String servicePrincipalId,
            @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        String token = query.get(SecretCursor.FIELD);
        SecretCursor after = token == null || token.isEmpty() ? null : SecretCursor.parse(token);
        SecretPage page = secrets.list(actor, principalId(servicePrincipalId), after, pageSize(query.get("page_size")));
        Instant now = clock.instant();
        return new ListSecretsResponse(
                page.secrets().stream()
                        .map(secret -> SecretInfo.of(secret, now))
                        .toList(),
                page.next() == null ? null : page.next().token());
    }

    @DeleteMapping("/{secret_id}")
    @RequiresPermission("token-management:write")
    Map<String, Object> delete(
            Actor actor,
            @PathVariable("service_principal_id") String servicePrincipalId,
            @PathVariable("secret_id") String secretId) {
        PrincipalId owner = principalId(servicePrincipalId);
        if (!SecretId.isWellFormed(secretId)) {
            throw new ResourceNotFoundException(
                    "Service principal " + owner + " has no secret " + Validation.shorten(secretId) + ".");
        }
        secrets.delete(actor, owner, new SecretId(secretId));
        return Map.of();
    }

    /** A SCIM id from the path: anything but a decimal id answers 404, like an unknown one (as SCIM does). */
    private static PrincipalId principalId(String raw) {
        try {
            return new PrincipalId(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException("Service principal " + Validation.shorten(raw) + " does not exist.");
        }
    }

    private static Duration lifetime(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher matcher = LIFETIME.matcher(raw.strip());
        if (!matcher.matches()) {
            throw new InvalidParameterException(
                    ServicePrincipalSecretService.LIFETIME_FIELD,
                    "lifetime must be a number of seconds such as \"7776000s\" (90 days); got " + Validation.echo(raw)
                            + ".");
        }
        return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
    }

    private static Integer pageSize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    ServicePrincipalSecretService.PAGE_SIZE_FIELD,
                    "page_size must be a whole number from 1 to " + ServicePrincipalSecretService.MAX_PAGE + "; got "
                            + Validation.echo(raw) + ".");
        }
    }
}
