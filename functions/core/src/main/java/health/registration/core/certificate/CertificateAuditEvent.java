package health.registration.core.certificate;

import java.time.Instant;
import java.util.Objects;

/**
 * What the authority did, for the audit trail (an EventBridge event and a structured log line naming
 * the IAM caller). Public facts only: never a key, a CSR or a certificate body.
 *
 * @param action    what happened
 * @param caName    the issuing authority
 * @param serial    the certificate's serial, {@link CertificateSerial#hex} form
 * @param sanUri    the certificate's client URI
 * @param requester who asked: the IAM caller's ARN, or {@code local-operator}
 * @param at        when
 * @param reason      for a revocation its reason, otherwise null
 * @param developerId the developer the certificate is bound to, or null for one issued before ownership was proven
 */
public record CertificateAuditEvent(Action action, String caName, String serial, String sanUri, String requester,
                                    Instant at, RevocationReason reason, String developerId) {

    /** The event kinds; {@link #detailType()} is the EventBridge detail-type. */
    public enum Action {
        ISSUED("Client certificate issued"),
        REVOKED("Client certificate revoked");

        private final String detailType;

        Action(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }
    }

    public CertificateAuditEvent {
        Objects.requireNonNull(action);
        Objects.requireNonNull(caName);
        Objects.requireNonNull(serial);
        Objects.requireNonNull(sanUri);
        Objects.requireNonNull(requester);
        Objects.requireNonNull(at);
        if ((action == Action.REVOKED) != (reason != null)) {
            throw new IllegalArgumentException("a revocation, and only a revocation, has a reason");
        }
    }

    static CertificateAuditEvent issued(IssuedCertificate certificate) {
        return new CertificateAuditEvent(Action.ISSUED, certificate.caName(), certificate.serial(),
                certificate.sanUri(), certificate.requester(), certificate.issuedAt(), null, certificate.developerId());
    }

    static CertificateAuditEvent revoked(IssuedCertificate certificate) {
        IssuedCertificate.Revocation revocation = certificate.revoked().orElseThrow();
        return new CertificateAuditEvent(Action.REVOKED, certificate.caName(), certificate.serial(),
                certificate.sanUri(), revocation.requester(), revocation.at(), revocation.reason(), certificate.developerId());
    }
}
