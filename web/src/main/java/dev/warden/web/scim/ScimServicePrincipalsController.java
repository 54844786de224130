package dev.warden.web.scim;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.filter.FilterParser;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalAttributes;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.web.scim.ScimModels.ListResponse;
import dev.warden.web.scim.ScimModels.PatchRequest;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * SCIM ServicePrincipals in the Databricks dialect. Warden generates the {@code applicationId} (a UUID) when the
 * request has none; it never changes afterwards.
 */
@ApiController
@Tag(name = "SCIM ServicePrincipals")
@RequestMapping(
        path = Scim.BASE + "/ServicePrincipals",
        produces = {MediaType.APPLICATION_JSON_VALUE, Scim.SCIM_JSON})
class ScimServicePrincipalsController {
    private static final String LABEL = "Service principal";

    private final DirectoryService directory;
    private final EntitlementService entitlements;
    private final ScimResources resources;
    private final TransactionRunner tx;

    ScimServicePrincipalsController(
            DirectoryService directory,
            EntitlementService entitlements,
            ScimResources resources,
            TransactionRunner tx) {
        this.directory = directory;
        this.entitlements = entitlements;
        this.resources = resources;
        this.tx = tx;
    }

    @GetMapping
    @RequiresPermission("scim:read")
    ListResponse list(
            Actor actor,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes,
            @RequestParam(required = false) String sortBy,
            @RequestParam(required = false) String sortOrder,
            @RequestParam(required = false) String startIndex,
            @RequestParam(required = false) String count) {
        PrincipalQuery query = PrincipalQuery.filtered(
                FilterParser.parse(filter, PrincipalAttributes.SERVICE_PRINCIPALS),
                PrincipalAttributes.SERVICE_PRINCIPALS.sortOrder(sortBy, sortOrder));
        ScimAttributes wanted = ScimAttributes.of(attributes, excludedAttributes);
        return resources.servicePrincipals(
                actor,
                directory.search(actor, PrincipalKind.SERVICE_PRINCIPAL, query, Scim.page(startIndex, count)),
                wanted);
    }

    @GetMapping("/{id}")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ScimModels.ServicePrincipal.class)))
    @RequiresPermission("scim:read")
    JsonNode get(
            Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        Principal servicePrincipal = directory.get(actor, PrincipalKind.SERVICE_PRINCIPAL, Scim.principalId(id, LABEL));
        return resources.servicePrincipal(actor, servicePrincipal, ScimAttributes.of(attributes, excludedAttributes));
    }

    @PostMapping
    @ApiResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = ScimModels.ServicePrincipal.class)))
    @RequiresPermission("scim:write")
    ResponseEntity<JsonNode> create(Actor actor, @RequestBody ScimModels.ServicePrincipal body) {
        Principal servicePrincipal = directory.createServicePrincipal(actor, details(body));
        return ResponseEntity.created(URI.create(Scim.BASE + "/ServicePrincipals/" + servicePrincipal.id()))
                .body(resources.servicePrincipal(actor, servicePrincipal, ScimAttributes.ALL));
    }

    @PutMapping("/{id}")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ScimModels.ServicePrincipal.class)))
    @RequiresPermission("scim:write")
    JsonNode replace(Actor actor, @PathVariable String id, @RequestBody ScimModels.ServicePrincipal body) {
        PrincipalId servicePrincipalId = Scim.principalId(id, LABEL);
        ServicePrincipalDetails details = details(body);
        Principal servicePrincipal = tx.inTransaction(() -> {
            Principal replaced = directory.replaceServicePrincipal(actor, servicePrincipalId, details);
            if (details.entitlements() != null) {
                entitlements.replace(
                        actor, PrincipalKind.SERVICE_PRINCIPAL, servicePrincipalId, details.entitlements());
            }
            return replaced;
        });
        return resources.servicePrincipal(actor, servicePrincipal, ScimAttributes.ALL);
    }

    @PatchMapping("/{id}")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ScimModels.ServicePrincipal.class)))
    @RequiresPermission("scim:write")
    JsonNode patch(Actor actor, @PathVariable String id, @RequestBody PatchRequest body) {
        PrincipalId servicePrincipalId = Scim.principalId(id, LABEL);
        List<ScimPatch.Change> changes = ScimPatch.read(body);
        Principal servicePrincipal = tx.inTransaction(() -> {
            Principal before = directory.get(actor, PrincipalKind.SERVICE_PRINCIPAL, servicePrincipalId);
            ServicePrincipalPatch.Patched patched =
                    ServicePrincipalPatch.apply(before, entitlements.of(actor, servicePrincipalId), changes);
            Principal after = directory.replaceServicePrincipal(actor, servicePrincipalId, patched.details());
            if (patched.entitlements() != null) {
                entitlements.replace(
                        actor, PrincipalKind.SERVICE_PRINCIPAL, servicePrincipalId, patched.entitlements());
            }
            return after;
        });
        return resources.servicePrincipal(actor, servicePrincipal, ScimAttributes.ALL);
    }

    /** Deletes the service principal and its tokens. */
    @DeleteMapping("/{id}")
    @RequiresPermission("scim:write")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        directory.delete(actor, PrincipalKind.SERVICE_PRINCIPAL, Scim.principalId(id, LABEL));
        return ResponseEntity.noContent().build();
    }

    private static ServicePrincipalDetails details(ScimModels.ServicePrincipal body) {
        return new ServicePrincipalDetails(
                body.applicationId(),
                body.displayName(),
                body.externalId(),
                body.active(),
                ScimEntitlements.values(body.entitlements()));
    }
}
