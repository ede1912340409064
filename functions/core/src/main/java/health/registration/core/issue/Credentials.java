package health.registration.core.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * What a client authenticates with, as kept: where its secret lives and the hash of its registration access token,
 * or, for a UDAP client, the certificate it is bound to.
 *
 * @param secretArn             the Secrets Manager secret holding the client secret; null while the client is pending
 *                              and for UDAP clients, which have no secret
 * @param registrationTokenHash SHA-256 of the registration access token; null for UDAP clients, which manage their
 *                              registration by registering again (UDAP DCR §6)
 * @param issuedAt              {@code client_id_issued_at}
 * @param secretExpiresAt       {@code client_secret_expires_at}: seconds since the epoch, or 0 for never
 * @param certificate           the UDAP certificate binding, or null for clients with a secret
 */
public record Credentials(String secretArn, String registrationTokenHash, Instant issuedAt, long secretExpiresAt,
                          CertificateBinding certificate) {

    public Credentials {
        Objects.requireNonNull(issuedAt);
        if ((registrationTokenHash == null) == (certificate == null)) {
            throw new IllegalArgumentException("a client has either a registration access token or a certificate binding");
        }
    }

    /** Credentials of a client with a secret and a registration access token. */
    public Credentials(String secretArn, String registrationTokenHash, Instant issuedAt, long secretExpiresAt) {
        this(secretArn, registrationTokenHash, issuedAt, secretExpiresAt, null);
    }

    /** Credentials of a UDAP client: its certificate binding, no secret, no token. */
    public static Credentials ofCertificate(CertificateBinding binding, Instant issuedAt) {
        return new Credentials(null, null, issuedAt, 0, binding);
    }

    public Credentials withSecretArn(String arn) {
        return new Credentials(arn, registrationTokenHash, issuedAt, secretExpiresAt, certificate);
    }

    public Credentials withTokenHash(String hash) {
        return new Credentials(secretArn, hash, issuedAt, secretExpiresAt, certificate);
    }

    public Credentials withCertificate(CertificateBinding binding) {
        return new Credentials(secretArn, registrationTokenHash, issuedAt, secretExpiresAt, binding);
    }
}
