package health.registration.core.certificate;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a CRL (RFC 5280 §5.1.2.6): the serial of a revoked certificate, when and why it was revoked.
 *
 * @param serial    the certificate's serial, in the record form of {@link CertificateSerial#hex}
 * @param revokedAt the revocation date
 * @param reason    the reason code
 */
public record RevokedCertificate(String serial, Instant revokedAt, RevocationReason reason) {

    public RevokedCertificate {
        Objects.requireNonNull(serial);
        Objects.requireNonNull(revokedAt);
        Objects.requireNonNull(reason);
    }

    public BigInteger serialNumber() {
        return new BigInteger(serial, 16);
    }
}
