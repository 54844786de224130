package dev.warden.web.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The console's "Create access token" dialog for an organisation or group token. The expiration date's range is the
 * workspace's and is checked by core; a date that is not {@code yyyy-mm-dd} is reported by the binder
 * ({@code messages.properties}).
 *
 * @param refreshScopes "Show the scopes this role grants" (without JavaScript): render the dialog again, create nothing
 */
public record CreateTechnicalTokenForm(
        @NotBlank(message = "Give the token a name, so you can recognise it later.")
        String name,

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expirationDate,
        @NotEmpty(message = "Choose at least one scope.") List<String> scopes,

        @NotBlank(message = "Choose the role of the token's technical user.")
        String role,

        Boolean refreshScopes,
        String expiresIn) {

    public CreateTechnicalTokenForm {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** @param expiresIn the expiry control's choice ({@code ExpiryControl}): a preset's days, or "date" */
    static CreateTechnicalTokenForm withDefaults(LocalDate expirationDate, String expiresIn, String role) {
        return new CreateTechnicalTokenForm(null, expirationDate, List.of(), role, null, expiresIn);
    }

    boolean refreshing() {
        return Boolean.TRUE.equals(refreshScopes);
    }
}
