package health.registration.core.certificate;

import health.registration.core.operator.OperatorAction;
import java.util.Objects;

/** What {@link CertificateAuthority#revoke} answered. */
public sealed interface RevocationOutcome {

    /**
     * The certificate is now revoked, and the published CRL lists it.
     *
     * @param certificate the record as revoked
     * @param crl         the new CRL
     * @param audit       the event to publish and log
     */
    record Revoked(IssuedCertificate certificate, CrlDocument crl, OperatorAction audit)
            implements RevocationOutcome {

        public Revoked {
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(crl);
            Objects.requireNonNull(audit);
        }
    }

    /** This authority issued no certificate with that serial (or the serial is not a serial at all). */
    record NotFound() implements RevocationOutcome {}

    /** The certificate was revoked before; nothing changed, and the published CRL lists it. */
    record AlreadyRevoked(IssuedCertificate certificate) implements RevocationOutcome {

        public AlreadyRevoked {
            Objects.requireNonNull(certificate);
        }
    }
}
