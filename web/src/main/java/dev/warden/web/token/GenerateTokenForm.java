package dev.warden.web.token;

import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.web.console.ExpiryControl;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The console's "Generate new token" dialog for the user's own token. Its expiry is the console's one control
 * ({@link ExpiryControl}: {@code expiresIn} and {@code expirationDate}); {@code lifetimeDays} is still read from a post
 * that names only it. The lifetime's range is the workspace's and is checked by core; a value that does not parse is
 * reported by the binder ({@code messages.properties}).
 */
public record GenerateTokenForm(
        @NotBlank(message = "Give the token a name, so you can recognise it later.")
        String name,

        Integer lifetimeDays,
        @NotEmpty(message = "Choose at least one scope.") List<String> scopes,
        String expiresIn,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expirationDate) {

    public GenerateTokenForm {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A form that names its lifetime in days only (as the dialog did before its expiry control). */
    public GenerateTokenForm(String name, Integer lifetimeDays, List<String> scopes) {
        this(name, lifetimeDays, scopes, null, null);
    }

    /** The dialog's start: the default lifetime chosen (its preset, or its date). */
    static GenerateTokenForm withDefaults(TokenLifetimePolicy lifetimes, Instant now) {
        return new GenerateTokenForm(
                null, null, List.of(), ExpiryControl.defaultChoice(lifetimes), lifetimes.defaultExpiryDate(now));
    }
}
