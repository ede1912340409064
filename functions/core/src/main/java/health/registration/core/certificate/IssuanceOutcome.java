package health.registration.core.certificate;

import health.registration.core.operator.OperatorAction;
import health.registration.core.policy.RegistrationError;
import java.util.Objects;

/** What {@link CertificateAuthority#issue} answered. */
public sealed interface IssuanceOutcome {

    /**
     * A certificate was issued and recorded.
     *
     * @param certificate the record, which also holds the certificate
     * @param chainPem    the issuing CA's chain, issuing CA first, to install beside the certificate
     * @param audit       the event to publish and log
     */
    record Issued(IssuedCertificate certificate, String chainPem, OperatorAction audit)
            implements IssuanceOutcome {

        public Issued {
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(chainPem);
            Objects.requireNonNull(audit);
        }

        /** The certificate as PEM. */
        public String certificatePem() {
            return certificate.pem();
        }
    }

    /** Nothing was issued: every problem with the request, as an RFC 7591 style 400. */
    record Refused(RegistrationError error) implements IssuanceOutcome {

        public Refused {
            Objects.requireNonNull(error);
        }
    }
}
