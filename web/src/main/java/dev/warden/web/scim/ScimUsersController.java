package dev.warden.web.scim;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
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
 * SCIM Users in the Databricks dialect. Users created here have no console password. {@code groups} is read-only
 * (change a group's members instead) and {@code roles} in a request are ignored (roles are given through
 * {@code /api/2.0/role-assignments}). {@code entitlements} are stored: a new user without any named gets
 * {@code workspace-access}, which lets it sign in to the console once it has a password.
 */
@ApiController
@Tag(name = "SCIM Users")
@RequestMapping(
        path = Scim.BASE + "/Users",
        produces = {MediaType.APPLICATION_JSON_VALUE, Scim.SCIM_JSON})
class ScimUsersController {
    private static final String LABEL = "User";

    private final DirectoryService directory;
    private final EntitlementService entitlements;
    private final ScimResources resources;
    private final TransactionRunner tx;

    ScimUsersController(
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
                FilterParser.parse(filter, PrincipalAttributes.USERS),
                PrincipalAttributes.USERS.sortOrder(sortBy, sortOrder));
        ScimAttributes wanted = ScimAttributes.of(attributes, excludedAttributes);
        return resources.users(
                actor, directory.search(actor, PrincipalKind.USER, query, Scim.page(startIndex, count)), wanted);
    }

    @GetMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.User.class)))
    @RequiresPermission("scim:read")
    JsonNode get(
            Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        Principal user = directory.get(actor, PrincipalKind.USER, Scim.principalId(id, LABEL));
        return resources.user(actor, user, ScimAttributes.of(attributes, excludedAttributes));
    }

    @PostMapping
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ScimModels.User.class)))
    @RequiresPermission("scim:write")
    ResponseEntity<JsonNode> create(Actor actor, @RequestBody ScimModels.User body) {
        Principal user = directory.createUser(actor, details(body), null);
        return ResponseEntity.created(URI.create(Scim.BASE + "/Users/" + user.id()))
                .body(resources.user(actor, user, ScimAttributes.ALL));
    }

    /**
     * Full replace: what the body leaves out is cleared, except {@code active} and {@code entitlements}, which stay
     * as they are when left out (so that a client that never heard of entitlements does not take away a user's
     * console access).
     */
    @PutMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.User.class)))
    @RequiresPermission("scim:write")
    JsonNode replace(Actor actor, @PathVariable String id, @RequestBody ScimModels.User body) {
        PrincipalId userId = Scim.principalId(id, LABEL);
        UserDetails details = details(body);
        Principal user = tx.inTransaction(() -> {
            Principal replaced = directory.replaceUser(actor, userId, details);
            if (details.entitlements() != null) {
                entitlements.replace(actor, PrincipalKind.USER, userId, details.entitlements());
            }
            return replaced;
        });
        return resources.user(actor, user, ScimAttributes.ALL);
    }

    @PatchMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.User.class)))
    @RequiresPermission("scim:write")
    JsonNode patch(Actor actor, @PathVariable String id, @RequestBody PatchRequest body) {
        PrincipalId userId = Scim.principalId(id, LABEL);
        List<ScimPatch.Change> changes = ScimPatch.read(body);
        Principal user = tx.inTransaction(() -> {
            Principal before = directory.get(actor, PrincipalKind.USER, userId);
            UserPatch.Patched patched = UserPatch.apply(before, entitlements.of(actor, userId), changes);
            Principal after = directory.replaceUser(actor, userId, patched.details());
            if (patched.entitlements() != null) {
                entitlements.replace(actor, PrincipalKind.USER, userId, patched.entitlements());
            }
            return after;
        });
        return resources.user(actor, user, ScimAttributes.ALL);
    }

    /** Deletes the user and its tokens. */
    @DeleteMapping("/{id}")
    @RequiresPermission("scim:write")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        directory.delete(actor, PrincipalKind.USER, Scim.principalId(id, LABEL));
        return ResponseEntity.noContent().build();
    }

    private static UserDetails details(ScimModels.User body) {
        return new UserDetails(
                body.userName(),
                body.displayName(),
                body.primaryEmail(),
                body.name() == null ? null : body.name().givenName(),
                body.name() == null ? null : body.name().familyName(),
                body.externalId(),
                body.active(),
                ScimEntitlements.values(body.entitlements()));
    }
}
