package dev.warden.web.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The way back in when the last admin's password is lost ({@code warden.recovery.*}, from
 * {@code WARDEN_RECOVER_ADMIN_PASSWORD} and {@code WARDEN_RECOVER_ADMIN_USER}): set for one start, then removed.
 * @param adminUser the user whose password is set; made active and workspace admin (created when nobody has the name)
 * @param adminPassword the new password; nothing happens while it is empty
 */
@ConfigurationProperties("warden.recovery")
public record RecoveryProperties(@DefaultValue("admin") String adminUser, String adminPassword) {
    public boolean requested() {
        return adminPassword != null && !adminPassword.isEmpty();
    }
}
