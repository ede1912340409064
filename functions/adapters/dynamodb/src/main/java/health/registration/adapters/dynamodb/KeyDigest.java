package health.registration.adapters.dynamodb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A key part taken from caller-chosen text (an {@code iss} URI, a {@code jti}): SHA-256 of its UTF-8 bytes,
 * base64url without padding. The part has a fixed length of 43 characters and never holds the {@code #} separator,
 * so a key stays short and parses one way whatever the text holds.
 */
final class KeyDigest {

    private KeyDigest() {}

    static String of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
