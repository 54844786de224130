package dev.warden.web.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * GitHub's secret-scanning signing keys, read once from the file {@code warden.leak-report.github-public-keys} (what
 * {@code https://api.github.com/meta/public_keys/secret_scanning} answers: {@code {"public_keys": [{"key_identifier",
 * "key", "is_current"}]}}). GitHub signs the raw body of a report with ECDSA P-256 and SHA-256 and sends the key's
 * identifier in {@code Github-Public-Key-Identifier} and the base64 of the DER signature in
 * {@code Github-Public-Key-Signature}.
 */
final class GitHubSignatures {
    static final String KEY_IDENTIFIER = "Github-Public-Key-Identifier";
    static final String SIGNATURE = "Github-Public-Key-Signature";

    private final Map<String, PublicKey> keys;

    private GitHubSignatures(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    static GitHubSignatures none() {
        return new GitHubSignatures(Map.of());
    }

    /** The keys of the file; a file that cannot be read or holds no usable key stops Warden at start. */
    static GitHubSignatures read(Path file, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("warden.leak-report.github-public-keys: cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("warden.leak-report.github-public-keys: " + file + " is no JSON", e);
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (JsonNode entry : root.path("public_keys")) {
            String id = entry.path("key_identifier").asString("");
            String pem = entry.path("key").asString("");
            if (!id.isEmpty() && !pem.isEmpty()) {
                keys.put(id, publicKey(pem, file));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("warden.leak-report.github-public-keys: " + file
                    + " holds no key (expected {\"public_keys\": [{\"key_identifier\", \"key\"}]})");
        }
        return new GitHubSignatures(keys);
    }

    boolean configured() {
        return !keys.isEmpty();
    }

    /** True when the signature is a valid one of the body by the key of that identifier. */
    boolean verifies(byte[] body, String keyIdentifier, String signature) {
        PublicKey key = keys.get(keyIdentifier.strip());
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not base64, not DER: no valid signature
        }
    }

    private static PublicKey publicKey(String pem, Path file) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "warden.leak-report.github-public-keys: " + file + " holds a key that is no EC public key", e);
        }
    }
}
