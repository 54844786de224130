package dev.warden.web.scim;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.principal.Actor;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * SCIM {@code Me}: the caller, in the User shape whatever its kind. For a service principal's token {@code id} is
 * the service principal's id and {@code userName} its applicationId, as the Databricks SDK expects.
 */
@ApiController
@Tag(name = "SCIM Me")
@RequestMapping(
        path = Scim.BASE + "/Me",
        produces = {MediaType.APPLICATION_JSON_VALUE, Scim.SCIM_JSON})
class ScimMeController {
    private final DirectoryService directory;
    private final ScimResources resources;

    ScimMeController(DirectoryService directory, ScimResources resources) {
        this.directory = directory;
        this.resources = resources;
    }

    @GetMapping
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.User.class)))
    @RequiresPermission("scim:read")
    JsonNode me(
            Actor actor,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        return resources.user(actor, directory.me(actor), ScimAttributes.of(attributes, excludedAttributes));
    }
}
