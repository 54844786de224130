package dev.warden.web.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceId;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.service.ServiceScopeInput;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Registered services (Warden extension): the intranet services that rely on Warden, the service principal each
 * introspects with, and the scopes each declares, which join the workspace's permission catalogue.
 */
@ApiController
@Tag(name = "Services", description = "Warden extension: services that rely on Warden and their scopes")
@RequestMapping(path = "/api/2.0", produces = "application/json")
class ServiceApiController {
    private final ServiceRegistry services;
    private final PrincipalNames principals;

    ServiceApiController(ServiceRegistry services, PrincipalNames principals) {
        this.services = services;
        this.principals = principals;
    }

    @GetMapping("/services")
    @RequiresPermission("services:read")
    @Operation(summary = "List the registered services, by name, with their scopes")
    ListServicesResponse list(Actor actor) {
        return new ListServicesResponse(services.list(actor).stream()
                .map(service -> response(actor, service))
                .toList());
    }

    @GetMapping("/services/{id}")
    @RequiresPermission("services:read")
    @Operation(summary = "Get one registered service")
    ServiceResponse get(Actor actor, @PathVariable String id) {
        return response(actor, services.get(actor, serviceId(id)));
    }

    @PostMapping("/services")
    @RequiresPermission("services:write")
    @Operation(
            summary = "Register a service",
            description = "The name is 2 to 32 characters (`[a-z][a-z0-9-]{1,31}`), unique in the workspace and not one"
                    + " of Warden's own resources; every scope starts with `<name>:`. The service principal is the one"
                    + " the service authenticates as when it introspects tokens; one service per service principal.")
    ResponseEntity<ServiceResponse> register(Actor actor, @RequestBody RegisterServiceRequest request) {
        RegisteredService service = services.register(
                actor,
                request.name(),
                request.displayName(),
                request.servicePrincipalApplicationId(),
                inputs(request.scopes()));
        return ResponseEntity.status(HttpStatus.CREATED).body(response(actor, service));
    }

    @PatchMapping("/services/{id}")
    @RequiresPermission("services:write")
    @Operation(
            summary = "Rename a service, add scopes (or change their descriptions) and remove scopes",
            description = "A removed scope leaves every custom role that granted it and allows nothing on the tokens"
                    + " that carry it; their scope report says why.")
    ServiceResponse update(Actor actor, @PathVariable String id, @RequestBody UpdateServiceRequest request) {
        return response(
                actor,
                services.update(
                        actor,
                        serviceId(id),
                        request.displayName(),
                        inputs(request.addScopes()),
                        request.removeScopes()));
    }

    @DeleteMapping("/services/{id}")
    @RequiresPermission("services:write")
    @Operation(summary = "Remove a service and its scopes")
    Map<String, Object> delete(Actor actor, @PathVariable String id) {
        services.delete(actor, serviceId(id));
        return Map.of();
    }

    private ServiceResponse response(Actor actor, RegisteredService service) {
        String applicationId = principals
                .find(actor.workspace(), service.servicePrincipal())
                .map(Principal::applicationId)
                .orElse(null);
        return new ServiceResponse(
                service.id().value(),
                service.name(),
                service.displayName(),
                applicationId,
                service.servicePrincipal().value(),
                service.scopes().stream().map(ScopeBody::of).toList());
    }

    private static List<ServiceScopeInput> inputs(List<ScopeBody> bodies) {
        return bodies == null
                ? null
                : bodies.stream()
                        .map(body -> body == null ? null : new ServiceScopeInput(body.scope(), body.description()))
                        .toList();
    }

    private static ServiceId serviceId(String raw) {
        try {
            return new ServiceId(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException("Service " + Validation.shorten(raw) + " does not exist.");
        }
    }

    record ScopeBody(String scope, String description) {
        static ScopeBody of(Permission scope) {
            return new ScopeBody(scope.key(), scope.description());
        }
    }

    record RegisterServiceRequest(
            String name,
            @JsonProperty("display_name") String displayName,

            @JsonProperty("service_principal_application_id")
            String servicePrincipalApplicationId,

            List<ScopeBody> scopes) {}

    record UpdateServiceRequest(
            @JsonProperty("display_name") String displayName,
            @JsonProperty("add_scopes") List<ScopeBody> addScopes,
            @JsonProperty("remove_scopes") List<String> removeScopes) {}

    record ServiceResponse(
            long id,
            String name,
            @JsonProperty("display_name") String displayName,

            @JsonProperty("service_principal_application_id")
            String servicePrincipalApplicationId,

            @JsonProperty("service_principal_id") long servicePrincipalId,
            List<ScopeBody> scopes) {}

    record ListServicesResponse(List<ServiceResponse> services) {}
}
