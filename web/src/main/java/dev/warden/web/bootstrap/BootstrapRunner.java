package dev.warden.web.bootstrap;

import dev.warden.core.bootstrap.WorkspaceBootstrap;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.TokenFormat;
import dev.warden.web.config.WardenProperties;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On first start with an empty database: workspace {@code main} and user {@code admin}. The admin password
 * comes from WARDEN_BOOTSTRAP_ADMIN_PASSWORD, or is generated and printed once. A bootstrap admin token is
 * checked at construction, so a malformed one stops start-up before anything is written.
 * <p>
 * It runs once every bean exists (after the Flyway migration) and before the web server opens its port, so no
 * request, not even the login page, is answered before the admin and its bootstrap token are stored; readiness
 * turns UP later still, at {@code ApplicationReadyEvent}.
 */
@Component
class BootstrapRunner implements SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapRunner.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 24;

    private final WorkspaceBootstrap bootstrap;
    private final WardenProperties.Bootstrap settings;
    private final PasswordEncoder passwords;
    private final SecureRandom random;

    BootstrapRunner(
            WorkspaceBootstrap bootstrap,
            WardenProperties properties,
            TokenFormat format,
            PasswordEncoder passwords,
            SecureRandom random) {
        this.bootstrap = bootstrap;
        this.settings = properties.bootstrap();
        this.passwords = passwords;
        this.random = random;
        if (settings.hasAdminToken()
                && !format.isWellFormed(settings.adminToken().strip())) {
            throw new InvalidBootstrapTokenException("WARDEN_BOOTSTRAP_ADMIN_TOKEN is not a Warden token: a token is "
                    + format.length() + " characters, starts with '" + format.prefix()
                    + "' and ends in a CRC32 checksum, and the value given does not match (its checksum or length"
                    + " is off). The value is not shown here on purpose.");
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean generated = !settings.hasAdminPassword();
        String password = generated ? generatePassword() : settings.adminPassword();
        String token = settings.hasAdminToken() ? settings.adminToken().strip() : null;
        Optional<Principal> admin = bootstrap.bootstrapIfEmpty(passwords.encode(password), token);
        if (admin.isEmpty()) {
            if (token != null) {
                LOG.info("WARDEN_BOOTSTRAP_ADMIN_TOKEN is ignored: the database already holds a workspace,"
                        + " and the bootstrap token is only stored on first start.");
            }
            return;
        }
        LOG.info(
                "First start: created workspace '{}' and workspace admin '{}'{}.",
                WorkspaceBootstrap.WORKSPACE_NAME,
                WorkspaceBootstrap.ADMIN_USER_NAME,
                token != null ? " with the bootstrap admin token" : "");
        if (generated) {
            // Printed exactly once, on the first start; it is stored only as a hash.
            LOG.warn(
                    "\n\n    Generated password for user '{}': {}\n    It is shown only this once. Set"
                            + " WARDEN_BOOTSTRAP_ADMIN_PASSWORD before the first start to choose it instead.\n",
                    WorkspaceBootstrap.ADMIN_USER_NAME,
                    password);
        }
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
