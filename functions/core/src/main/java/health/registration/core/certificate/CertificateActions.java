package health.registration.core.certificate;

import health.registration.core.operator.OperatorAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the authority did, as {@link OperatorAction}s for the one audit trail of operator and certificate actions.
 * Public facts only: the serial, the client URI ({@code san_uri}), the authority ({@code ca}), a revocation's
 * {@code reason} and the developer; never a key, a CSR or a certificate body.
 */
public final class CertificateActions {

    public static final String ISSUE = "certificate.issue";
    public static final String REVOKE = "certificate.revoke";
    public static final String CHALLENGE = "certificate.challenge";

    private CertificateActions() {}

    static OperatorAction issued(IssuedCertificate certificate) {
        return new OperatorAction(ISSUE, certificate.requester(), certificate.serial(), OperatorAction.DONE,
                certificate.issuedAt(), certificate.developerId(), null, facts(certificate, null), List.of());
    }

    static OperatorAction revoked(IssuedCertificate certificate) {
        IssuedCertificate.Revocation revocation = certificate.revoked().orElseThrow();
        return new OperatorAction(REVOKE, revocation.requester(), certificate.serial(), OperatorAction.DONE,
                revocation.at(), certificate.developerId(), null, facts(certificate, revocation.reason()), List.of());
    }

    private static Map<String, String> facts(IssuedCertificate certificate, RevocationReason reason) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("ca", certificate.caName());
        facts.put("san_uri", certificate.sanUri());
        if (reason != null) {
            facts.put("reason", reason.code());
        }
        return facts;
    }
}
