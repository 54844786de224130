package dev.warden.web.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * The console's "Generate new token" dialog for the user's own token. The lifetime's range is the workspace's and is
 * checked by core; a lifetime that is not a number is reported by the binder ({@code messages.properties}).
 */
public record GenerateTokenForm(
        @NotBlank(message = "Give the token a name, so you can recognise it later.")
        String name,

        Integer lifetimeDays,
        @NotEmpty(message = "Choose at least one scope.") List<String> scopes) {

    public GenerateTokenForm {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    static GenerateTokenForm withDefaults(long defaultDays) {
        return new GenerateTokenForm(null, (int) defaultDays, List.of());
    }
}
