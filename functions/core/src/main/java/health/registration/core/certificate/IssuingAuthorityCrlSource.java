package health.registration.core.certificate;

import health.registration.core.udap.CrlSource;
import java.net.URI;
import java.security.cert.X509CRL;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CrlSource} that answers this service's own CRL URL ({@code {publicBaseUrl}/crl/{ca}.crl}) from the store,
 * and every other distribution point from the source it wraps (in AWS the probe function). So a revocation takes
 * effect on the very next UDAP registration (docs/api/certificates.md, "With UDAP"): no HTTP round trip to itself, no
 * cache. Needs no key: the register function reads what the issuing function stored. The CRL's signature and currency
 * are judged by the PKIX validation that asked for it, like any fetched CRL. Thread-safe when the store and the wrapped
 * source are.
 */
public final class IssuingAuthorityCrlSource implements CrlSource {

    private final URI ownUrl;
    private final String caName;
    private final CertificateStore store;
    private final CrlSource others;

    /**
     * @param ownUrl the authority's CRL URL exactly as its certificates name it ({@link IssuingAuthority#crlUrl})
     * @param caName the authority's name
     * @param store  where the issuing function keeps the current CRL
     * @param others where every other CRL comes from
     */
    public IssuingAuthorityCrlSource(URI ownUrl, String caName, CertificateStore store, CrlSource others) {
        this.ownUrl = Objects.requireNonNull(ownUrl);
        this.caName = Objects.requireNonNull(caName);
        this.store = Objects.requireNonNull(store);
        this.others = Objects.requireNonNull(others);
    }

    @Override
    public Optional<X509CRL> crl(URI distributionPoint) {
        if (!distributionPoint.toString().equals(ownUrl.toString())) {
            return others.crl(distributionPoint);
        }
        // Empty when nothing was ever issued: the caller's revocation policy decides, as for an unreachable CRL.
        // A store outage (StoreUnavailable) is not an unknown status: it passes through and answers 5xx, so that a
        // client is not told its certificate is unapproved (UDAP DCR §5.2: it should not try again with it).
        return store.currentCrl(caName).flatMap(IssuingAuthorityCrlSource::parse);
    }

    private static Optional<X509CRL> parse(CrlDocument crl) {
        try {
            return Optional.of(crl.x509());
        } catch (IllegalStateException notDer) {
            return Optional.empty();
        }
    }
}
