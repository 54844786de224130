package dev.warden.web.token;

import jakarta.validation.constraints.NotBlank;

/** The console's "Create canary token" dialog: only where it will be planted. */
public record CreateCanaryForm(
        @NotBlank(message = "Say where you will plant it, so that its alert tells you where it was found.")
        String name) {}
