package health.registration.core.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A challenge that proves a developer controls the host of the client URI a certificate will name
 * (docs/api/certificates.md): the developer serves the token at {@link #url}, and the authority fetches it before it
 * issues. Only the token's SHA-256 is kept, so a read of the table cannot answer a challenge. A challenge is bound to
 * one developer and one client URI, expires after {@link #LIFETIME} and is used at most once.
 *
 * @param tokenHash   SHA-256 of the token, lower-case hex ({@link #hash})
 * @param developerId the developer it was issued to
 * @param sanUri      the client URI it proves
 * @param issuedAt    when it was issued
 * @param expiresAt   when it stops proving anything
 * @param usedAt      when a certificate was issued with it, or null while unused
 */
public record OwnershipChallenge(String tokenHash, String developerId, String sanUri, Instant issuedAt,
                                 Instant expiresAt, Instant usedAt) {

    /** How long a challenge may be answered. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** Where on the app's host the token is served (RFC 8615 well-known URI). */
    public static final String WELL_KNOWN_PATH = "/.well-known/udap-certificate-challenge/";

    public OwnershipChallenge {
        Objects.requireNonNull(tokenHash);
        Objects.requireNonNull(developerId);
        Objects.requireNonNull(sanUri);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(expiresAt);
    }

    public Optional<Instant> used() {
        return Optional.ofNullable(usedAt);
    }

    /** The same challenge, used. */
    public OwnershipChallenge use(Instant at) {
        return new OwnershipChallenge(tokenHash, developerId, sanUri, issuedAt, expiresAt, Objects.requireNonNull(at));
    }

    /** {@code https://<host of sanUri>/.well-known/udap-certificate-challenge/<token>}. */
    static String url(String host, String token) {
        return "https://" + host + WELL_KNOWN_PATH + token;
    }

    /** SHA-256 of the token's UTF-8, lower-case hex: the key a challenge is stored under. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
