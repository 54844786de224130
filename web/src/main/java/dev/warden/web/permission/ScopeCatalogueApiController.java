package dev.warden.web.permission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.principal.Actor;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.ApiRoutes.Route;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The scope catalogue (Warden extension): every scope a token can hold and the endpoints it lets a token call. */
@ApiController
@Tag(name = "Scopes", description = "Warden extension: the scope catalogue, generated from the routes' declarations")
@RequestMapping(path = "/api/2.0", produces = "application/json")
class ScopeCatalogueApiController {
    private final ScopeCatalogue catalogue;
    private final ServiceRegistry services;

    ScopeCatalogueApiController(ScopeCatalogue catalogue, ServiceRegistry services) {
        this.catalogue = catalogue;
        this.services = services;
    }

    /*
     * tokens:read, not scim:read (which SCIM Me declares): the catalogue says what a token's scopes mean, so it
     * belongs with reading one's own tokens. Every role that may use personal tokens holds it (user,
     * workspace-admin, auditor), and a token narrowed to the read-only preset can still look its scopes up. Besides
     * Warden's own (also in the public /v3/api-docs) it shows the workspace's registered services' scopes, which
     * whoever creates a token must be able to choose from.
     */
    @GetMapping("/scopes")
    @RequiresPermission("tokens:read")
    @Operation(
            summary = "List the scope catalogue",
            description = "Every scope a token can hold, `all-apis` first, then Warden's own permissions in catalogue"
                    + " order, then the scopes of the workspace's registered services (with `service`: they open that"
                    + " service, not Warden's API, so their `endpoints` are empty),"
                    + " each with its description and the endpoints it lets a token call. A permission's scope lists"
                    + " the endpoints whose route declares that permission, so every endpoint appears under exactly"
                    + " one of them; `all-apis` (`all_endpoints: true`) lists every endpoint. A scope never grants"
                    + " more than the token owner's roles.")
    ScopeCatalogueResponse list(Actor actor) {
        return new ScopeCatalogueResponse(catalogue.entries(services.catalogue(actor.workspace())).stream()
                .map(ScopeResponse::of)
                .toList());
    }

    record ScopeCatalogueResponse(List<ScopeResponse> scopes) {}

    /** {@code all_endpoints} is present (true) on {@code all-apis} only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScopeResponse(
            String scope,
            String resource,
            String service,
            String description,
            @JsonProperty("all_endpoints") Boolean allEndpoints,
            List<EndpointResponse> endpoints) {
        static ScopeResponse of(ScopeCatalogue.Entry entry) {
            return new ScopeResponse(
                    entry.key(),
                    entry.resource(),
                    entry.service(),
                    entry.description(),
                    entry.everyEndpoint() ? Boolean.TRUE : null,
                    entry.endpoints().stream().map(EndpointResponse::of).toList());
        }
    }

    /**
     * @param groupParameter the path variable naming a group on whose scope the permission may also be held (a
     *                       group's {@code group-admin}); absent when only workspace scope counts
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndpointResponse(
            String method,
            String path,
            @JsonProperty("group_parameter") String groupParameter) {
        static EndpointResponse of(Route route) {
            return new EndpointResponse(
                    route.method(), route.path(), route.groupVariable().isEmpty() ? null : route.groupVariable());
        }
    }
}
