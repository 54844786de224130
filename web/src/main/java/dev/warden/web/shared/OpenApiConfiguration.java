package dev.warden.web.shared;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description of {@code /api/**} at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}).
 * Each operation carries the permission its route declares, as {@code x-required-permission} and in its
 * description, and the token scope that covers it as {@code x-required-scope}, read from the same
 * {@link RequiresPermission} the decision chain enforces, so the two cannot drift.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String REQUIRED_PERMISSION = "x-required-permission";
    /** The scope a token needs for the operation; {@code all-apis} passes as well. */
    static final String REQUIRED_SCOPE = "x-required-scope";

    private static final String BEARER = "bearer";

    static {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Actor.class) // the caller, resolved from the token, not a parameter
                .replaceWithSchema(JsonNode.class, new ObjectSchema()); // SCIM resources (typed where annotated)
    }

    @Bean
    OpenAPI wardenOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Warden API").version("2.0").description("""
                        Warden speaks the Databricks REST dialect where Databricks has an endpoint (tokens, SCIM) and \
                        extends it in the same style where it has none (roles, revoke and restore). Every call carries \
                        'Authorization: Bearer <token>'. A call passes only if the token's owner currently holds the \
                        permission the operation names in x-required-permission; otherwise it gets 403 \
                        PERMISSION_DENIED with the reason ROLE_LACKS_PERMISSION (decision chain step 7). Then, step 8, \
                        the token's own scopes must cover it: the scope named in x-required-scope, or all-apis; \
                        otherwise 403 PERMISSION_DENIED with the reason SCOPE_MISSING and 'WWW-Authenticate: Bearer \
                        error="insufficient_scope"'. Roles come first, so a scope never grants what the owner's roles \
                        do not. GET /api/2.0/scopes lists every scope and the operations it covers."""))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A Warden access token (wdn_…)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer requiredPermissionCustomizer() {
        return (operation, handler) -> {
            RequiresPermission declared = handler.getMethodAnnotation(RequiresPermission.class);
            if (declared != null) {
                Permission required = RequiresPermission.Read.permission(declared);
                operation.addExtension(REQUIRED_PERMISSION, required.key());
                // every permission is a scope of the same key; all-apis covers it too (Scope.covers)
                operation.addExtension(REQUIRED_SCOPE, Scope.of(required).key());
                String note = "Requires the permission `" + required.key() + "` (" + required.description() + ")."
                        + "\n\nToken scope: `" + Scope.of(required).key() + "` (or `" + Scope.ALL_APIS.key() + "`).";
                operation.setDescription(
                        operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
            }
            return operation;
        };
    }
}
