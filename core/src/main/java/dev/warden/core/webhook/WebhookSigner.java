package dev.warden.core.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks secrets (standardwebhooks.com): {@code whsec_} and the base64 of random key bytes. The signing
 * itself (HMAC-SHA256, {@code javax.crypto}) is the {@link WebhookSender}'s, outside core.
 */
public final class WebhookSigner {
    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    public static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
