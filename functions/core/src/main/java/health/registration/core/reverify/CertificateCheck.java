package health.registration.core.reverify;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.FailureKind;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.CrlDistributionPoints;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Re-verification of a UDAP client's bound certificate (docs/operations/reverification.md): still within its validity
 * (RFC 5280 §4.1.2.5) and not listed on the CRL of any of its distribution points (RFC 5280 §4.2.1.13), fetched
 * through the same {@link CrlSource} registration uses (the service's own CA from its table, others through the
 * prober). An expired, revoked or unreadable certificate is a hard problem that suspends the client at once
 * ({@link #disqualifies}); a CRL that cannot be had is a transient one, as an unreachable URL is.
 */
public final class CertificateCheck {

    public static final String EXPIRED = "certificate_expired";
    public static final String REVOKED = "certificate_revoked";
    public static final String UNREADABLE = "certificate_unreadable";
    public static final String REVOCATION_UNKNOWN = "certificate_revocation_unknown";
    private static final Set<String> DISQUALIFYING = Set.of(EXPIRED, REVOKED, UNREADABLE);
    /** A UDAP client's certificate came with its software statement (x5c). */
    static final String MEMBER = "/software_statement";

    private final CrlSource crls;

    public CertificateCheck(CrlSource crls) {
        this.crls = Objects.requireNonNull(crls);
    }

    /** True for a problem that suspends a client at once: its certificate can no longer authenticate it. */
    public static boolean disqualifies(CheckProblem problem) {
        return problem.kind() == FailureKind.HARD && DISQUALIFYING.contains(problem.code());
    }

    /** The problems of the client's certificate; none for a client without one. */
    public List<CheckProblem> problems(ClientRecord client, Instant now) {
        CertificateBinding binding = client.credentials().certificate();
        if (binding == null) {
            return List.of();
        }
        Optional<X509Certificate> certificate = read(binding.certificate());
        if (certificate.isEmpty()) {
            return List.of(hard(UNREADABLE, "the client's certificate cannot be read; register again with a valid"
                    + " certificate"));
        }
        X509Certificate leaf = certificate.get();
        if (!now.isBefore(leaf.getNotAfter().toInstant())) {
            return List.of(hard(EXPIRED, "the client's certificate expired at " + leaf.getNotAfter().toInstant()
                    + "; register again with a current certificate"));
        }
        List<CheckProblem> problems = new ArrayList<>();
        for (URI point : CrlDistributionPoints.of(leaf)) {
            Optional<X509CRL> crl = crls.crl(point);
            if (crl.isEmpty()) {
                problems.add(new CheckProblem(MEMBER, point.toString(), REVOCATION_UNKNOWN, FailureKind.TRANSIENT,
                        "the CRL of the client's certificate could not be fetched, so its revocation is unknown"));
            } else if (issuedBy(crl.get(), leaf) && crl.get().isRevoked(leaf)) {
                return List.of(hard(REVOKED, "the client's certificate (serial " + leaf.getSerialNumber().toString(16)
                        + ") is revoked on its CRL " + point + "; register again with a new certificate"));
            }
        }
        return problems;
    }

    /** A CRL speaks only for its issuer's certificates (RFC 5280 §5.1.2.3). */
    private static boolean issuedBy(X509CRL crl, X509Certificate leaf) {
        return crl.getIssuerX500Principal().equals(leaf.getIssuerX500Principal());
    }

    private static Optional<X509Certificate> read(String base64Der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der))));
        } catch (CertificateException | IllegalArgumentException | ClassCastException unreadable) {
            return Optional.empty();
        }
    }

    private static CheckProblem hard(String code, String description) {
        return new CheckProblem(MEMBER, null, code, FailureKind.HARD, description);
    }
}
