package dev.warden.web.bootstrap;

import dev.warden.core.bootstrap.AdminRecovery;
import dev.warden.core.principal.ConsolePassword;
import dev.warden.web.config.WardenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a start with WARDEN_RECOVER_ADMIN_PASSWORD set: sets that password for WARDEN_RECOVER_ADMIN_USER (default
 * {@code admin}), after the bootstrap (so it also works on a first start), and warns to remove the setting. A
 * password the console would refuse stops start-up before anything is written; the value is never logged.
 */
@Component
@Order(1)
class RecoveryRunner implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryRunner.class);

    private final AdminRecovery recovery;
    private final RecoveryProperties settings;
    private final String workspace;

    RecoveryRunner(AdminRecovery recovery, RecoveryProperties settings, WardenProperties properties) {
        this.recovery = recovery;
        this.settings = settings;
        this.workspace = properties.consoleWorkspace();
        if (settings.requested()) {
            String problem = ConsolePassword.problem(settings.adminPassword());
            if (problem != null) {
                throw new IllegalStateException(
                        AdminRecovery.PASSWORD_FIELD + " is not an acceptable console password: " + problem
                                + " The value is not shown here on purpose.");
            }
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.requested()) {
            return;
        }
        AdminRecovery.Recovered recovered = recovery.recover(workspace, settings.adminUser(), settings.adminPassword());
        LOG.warn(
                "\n\n    {}: set the console password of '{}'{}{}{}, audited as ADMIN_RECOVERED."
                        + "\n    Remove {} now and restart: while it is set, every start sets this password again.\n",
                AdminRecovery.PASSWORD_FIELD,
                recovered.user().name(),
                recovered.created() ? " (a new user)" : "",
                recovered.activated() ? ", activated it" : "",
                recovered.madeAdmin() ? ", made it workspace admin" : "",
                AdminRecovery.PASSWORD_FIELD);
    }
}
