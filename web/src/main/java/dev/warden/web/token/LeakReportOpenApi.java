package dev.warden.web.token;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leak reporting in the OpenAPI description. It is answered by {@link LeakReportFilter}, not by an MVC handler, so
 * springdoc cannot see it; this describes it from the filter's own constants. It takes no credentials at all.
 */
@Configuration(proxyBeanMethods = false)
class LeakReportOpenApi {
    @Bean
    OpenApiCustomizer leakReportPath() {
        return openApi -> {
            ObjectSchema leak = new ObjectSchema();
            leak.addProperty("token", new StringSchema().description("the value found"));
            leak.addProperty("type", new StringSchema());
            leak.addProperty("url", new StringSchema().description("where it was found"));
            leak.addProperty("source", new StringSchema());
            Operation report = new Operation()
                    .operationId("reportLeakedTokens")
                    .summary("Report leaked Warden tokens (no credentials needed)")
                    .description("Every Warden token in the report that still works is revoked (authority INCIDENT),"
                            + " its owner and the admins are told, and the audit log says where it was found. The"
                            + " answer is the same whatever the values were. At most " + LeakReportFilter.MAX_BODY
                            + " bytes; reports per client address and minute are limited (429 "
                            + LeakReportFilter.REQUEST_LIMIT_EXCEEDED + "). GitHub's signature headers are verified"
                            + " when its keys are configured.")
                    .security(List.of())
                    .requestBody(new RequestBody()
                            .required(true)
                            .content(new Content()
                                    .addMediaType(
                                            "text/plain",
                                            new MediaType()
                                                    .schema(new StringSchema()
                                                            .description("any text; Warden finds its tokens by"
                                                                    + " format and checksum")))
                                    .addMediaType(
                                            "application/json",
                                            new MediaType()
                                                    .schema(new ArraySchema()
                                                            .items(leak)
                                                            .description(
                                                                    "GitHub's secret-scanning partner" + " payload")))))
                    .responses(new ApiResponses()
                            .addApiResponse("200", new ApiResponse().description(LeakReportFilter.RECEIVED))
                            .addApiResponse("400", new ApiResponse().description("Not a report this endpoint reads"))
                            .addApiResponse("401", new ApiResponse().description("A GitHub signature that fails"))
                            .addApiResponse(
                                    "415", new ApiResponse().description("Neither text/plain nor application/json"))
                            .addApiResponse("429", new ApiResponse().description("Too many reports from the address")));
            openApi.path(LeakReportFilter.PATH, new PathItem().post(report));
        };
    }
}
