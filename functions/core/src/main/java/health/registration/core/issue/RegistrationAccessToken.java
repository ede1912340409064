package health.registration.core.issue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The bearer token of RFC 7592: 256 random bits, base64url, given to the client once and kept only as a SHA-256
 * hash (a token of 256 random bits needs no slow hash). Its {@code toString} never shows it.
 */
public record RegistrationAccessToken(String value) {

    public RegistrationAccessToken {
        Objects.requireNonNull(value);
    }

    /** The hash kept in the client record. */
    public String hash() {
        return hashOf(value);
    }

    /** True when the presented token is the one whose hash is kept; compares in constant time. */
    public static boolean matches(String presented, String keptHash) {
        boolean present = presented != null && !presented.isEmpty();
        String presentedHash = hashOf(present ? presented : "");
        // The hash is computed and compared even for a missing token, so the time taken says nothing.
        boolean equal = MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
                (keptHash == null ? "" : keptHash).getBytes(StandardCharsets.US_ASCII));
        return present && equal;
    }

    private static String hashOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "RegistrationAccessToken[redacted]";
    }
}
