package health.registration.core.udap;

import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.GuardedFetch;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeNetwork;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The {@link IssuerCertificateSource} of the deployed service: fetches a caIssuers URL (RFC 5280 §4.2.2.1) through
 * the prober's network under the rules of {@link GuardedFetch} (a public DNS name, http or https on the default port,
 * every resolved address allowed, no redirects), at most {@link #MAX_BYTES}, status 200 and the whole body. The body
 * is one certificate, DER or PEM, or a certs-only PKCS#7 / CMS message ({@code .p7c}) of at most
 * {@link #MAX_CERTIFICATES}. Nothing is cached here ({@link CachedIssuerCertificates} does). Never throws for network
 * problems: any failure is empty. Thread-safe.
 */
public final class ProbedIssuerCertificateSource implements IssuerCertificateSource {

    /** Largest body read: an issuer certificate, or a small bundle of them. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Most certificates a certs-only message may hold; a larger one is not read. */
    static final int MAX_CERTIFICATES = ProbeInvocation.MAX_CERTIFICATES;

    private final ProbeNetwork network;

    public ProbedIssuerCertificateSource(ProbeNetwork network) {
        this.network = Objects.requireNonNull(network);
    }

    @Override
    public List<X509Certificate> certificates(URI caIssuers) {
        return GuardedFetch.get(network, caIssuers.toString(), FetchPurpose.ISSUER_CERTIFICATE, MAX_BYTES, false)
                .filter(page -> page.status() == 200 && !page.truncated() && page.body() != null)
                .map(page -> parse(page.body()))
                .orElse(List.of());
    }

    /** One certificate (DER or PEM) or a certs-only PKCS#7 message, as the JDK's X.509 factory reads them. */
    static List<X509Certificate> parse(byte[] body) {
        try {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body));
            if (read.size() > MAX_CERTIFICATES) {
                return List.of();
            }
            return read.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (CertificateException | RuntimeException notCertificates) {
            return List.of();
        }
    }
}
