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
 * @param previousToken         the token an RFC 7592 read replaced, while it still may work; null when there is none
 */
public record Credentials(String secretArn, String registrationTokenHash, Instant issuedAt, long secretExpiresAt,
                          CertificateBinding certificate, PreviousRegistrationToken previousToken) {

    /** Which of a client's registration access tokens a bearer holds. */
    public enum HeldToken { CURRENT, PREVIOUS, NONE }

    public Credentials {
        Objects.requireNonNull(issuedAt);
        if ((registrationTokenHash == null) == (certificate == null)) {
            throw new IllegalArgumentException("a client has either a registration access token or a certificate binding");
        }
        if (previousToken != null && registrationTokenHash == null) {
            throw new IllegalArgumentException("only a client with a registration access token has a previous one");
        }
    }

    /** Credentials without a previous registration access token. */
    public Credentials(String secretArn, String registrationTokenHash, Instant issuedAt, long secretExpiresAt,
                       CertificateBinding certificate) {
        this(secretArn, registrationTokenHash, issuedAt, secretExpiresAt, certificate, null);
    }

    /** Credentials of a client with a secret and a registration access token. */
    public Credentials(String secretArn, String registrationTokenHash, Instant issuedAt, long secretExpiresAt) {
        this(secretArn, registrationTokenHash, issuedAt, secretExpiresAt, null, null);
    }

    /** Credentials of a UDAP client: its certificate binding, no secret, no token. */
    public static Credentials ofCertificate(CertificateBinding binding, Instant issuedAt) {
        return new Credentials(null, null, issuedAt, 0, binding, null);
    }

    public Credentials withSecretArn(String arn) {
        return new Credentials(arn, registrationTokenHash, issuedAt, secretExpiresAt, certificate, previousToken);
    }

    /** A new registration access token, the only one that works (RFC 7592 §2.2 update): any previous one is dropped. */
    public Credentials withTokenHash(String hash) {
        return new Credentials(secretArn, hash, issuedAt, secretExpiresAt, certificate, null);
    }

    /**
     * A new registration access token issued by an RFC 7592 read to the bearer of the {@code held} token. Read with
     * the current token, that token becomes the previous one for {@link PreviousRegistrationToken#GRACE}; read with
     * the previous one (the last answer was lost), it stays previous with its expiry, and the current token, which
     * was never used, is dropped.
     */
    public Credentials rotatedOnRead(String newHash, HeldToken held, Instant now) {
        PreviousRegistrationToken kept = switch (held) {
            case CURRENT -> PreviousRegistrationToken.replacedAt(registrationTokenHash, now);
            case PREVIOUS -> previousToken;
            case NONE -> throw new IllegalArgumentException("only the bearer of a token of this client may read it");
        };
        return new Credentials(secretArn, newHash, issuedAt, secretExpiresAt, certificate, kept);
    }

    public Credentials withCertificate(CertificateBinding binding) {
        return new Credentials(secretArn, registrationTokenHash, issuedAt, secretExpiresAt, binding, previousToken);
    }

    /**
     * Which token the bearer holds: the current one, the previous one while it works, or neither. Compares in
     * constant time against both, whether or not there is a previous token, so the time taken says nothing.
     */
    public HeldToken heldBy(String bearerToken, Instant now) {
        boolean previousWorks = previousToken != null && previousToken.worksAt(now);
        String previousHash = previousToken != null ? previousToken.hash() : registrationTokenHash;
        boolean current = RegistrationAccessToken.matches(bearerToken, registrationTokenHash);
        boolean previous = RegistrationAccessToken.matches(bearerToken, previousHash);
        return current ? HeldToken.CURRENT : previous && previousWorks ? HeldToken.PREVIOUS : HeldToken.NONE;
    }

    /** Never shows the token hashes: a record may end up in a log line. */
    @Override
    public String toString() {
        return "Credentials[secretArn=" + secretArn + ", registrationTokenHash=" + (registrationTokenHash == null ? null : "redacted")
                + ", issuedAt=" + issuedAt + ", secretExpiresAt=" + secretExpiresAt + ", certificate=" + certificate
                + ", previousToken=" + previousToken + "]";
    }
}
