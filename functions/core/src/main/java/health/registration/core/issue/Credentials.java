package health.registration.core.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * What a client authenticates with, as kept: where its secret lives and the hash of its registration access token.
 *
 * @param secretArn             the Secrets Manager secret holding the client secret; null while the client is pending
 * @param registrationTokenHash SHA-256 of the registration access token
 * @param issuedAt              {@code client_id_issued_at}
 * @param secretExpiresAt       {@code client_secret_expires_at}: seconds since the epoch, or 0 for never
 */
public record Credentials(String secretArn, String registrationTokenHash, Instant issuedAt, long secretExpiresAt) {

    public Credentials {
        Objects.requireNonNull(registrationTokenHash);
        Objects.requireNonNull(issuedAt);
    }

    public Credentials withSecretArn(String arn) {
        return new Credentials(arn, registrationTokenHash, issuedAt, secretExpiresAt);
    }

    public Credentials withTokenHash(String hash) {
        return new Credentials(secretArn, hash, issuedAt, secretExpiresAt);
    }
}
