package dev.warden.web.access;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Forward authentication in the OpenAPI description. It is answered by {@link ForwardAuthFilter}, not by an MVC
 * handler, so springdoc cannot see it; this describes it from the filter's own constants.
 */
@Configuration(proxyBeanMethods = false)
class ForwardAuthOpenApi {
    @Bean
    OpenApiCustomizer forwardAuthPath() {
        return openApi -> {
            Operation check = new Operation()
                    .operationId("forwardAuth")
                    .summary("Forward authentication for reverse proxies (nginx auth_request, Traefik, Envoy)")
                    .description("Judges the bearer token in the Authorization header with the whole decision chain,"
                            + " for the scope named in `scope` (one per call). No permission of its own: the token"
                            + " judged is the one sent, not a caller's. A refusal carries the reason code in "
                            + ForwardAuthFilter.REASON + " and the RFC 6750 challenge in WWW-Authenticate.")
                    .addParametersItem(new Parameter()
                            .in("query")
                            .name("scope")
                            .required(true)
                            .description("The scope the protected service needs, e.g. wiki:read")
                            .schema(new StringSchema()))
                    .responses(new ApiResponses()
                            .addApiResponse(
                                    "200",
                                    new ApiResponse()
                                            .description("Allowed")
                                            .addHeaderObject(
                                                    ForwardAuthFilter.PRINCIPAL,
                                                    header("user name or" + " application id"))
                                            .addHeaderObject(ForwardAuthFilter.PRINCIPAL_ID, header("principal id"))
                                            .addHeaderObject(
                                                    ForwardAuthFilter.SCOPES,
                                                    header("the token's effective scopes of that service")))
                            .addApiResponse("400", new ApiResponse().description("Missing, repeated or unknown scope"))
                            .addApiResponse(
                                    "401",
                                    new ApiResponse()
                                            .description("No token, or one that does not authenticate")
                                            .addHeaderObject(ForwardAuthFilter.REASON, header("reason code")))
                            .addApiResponse(
                                    "403",
                                    new ApiResponse()
                                            .description("The token may not use that scope")
                                            .addHeaderObject(ForwardAuthFilter.REASON, header("reason code"))));
            openApi.path(ForwardAuthFilter.PATH, new PathItem().get(check).head(check));
        };
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }
}
