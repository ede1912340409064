package health.registration.core.udap;

import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.GuardedFetch;
import health.registration.core.probe.ProbeNetwork;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CrlSource} of the deployed service: fetches a CRL distribution point (RFC 5280 §4.2.1.13) through the
 * prober's network under the same rules as any client-supplied URL (docs/security.md, "The fetch pipeline"): an
 * absolute http or https URL whose host is a public DNS name, without user information or a non-default port; every
 * resolved address allowed by the address policy; one GET pinned to those addresses, capped at {@code maxBytes}; status
 * 200 and the whole body. The body is a DER or PEM X.509 CRL. Each CRL is cached by URL until its nextUpdate (an hour
 * when it has none); failures are not cached. Never throws for network problems: any failure is empty. Thread-safe; two
 * threads missing the cache at once may both fetch.
 */
public final class ProbedCrlSource implements CrlSource {

    /** How long a CRL without a nextUpdate is kept. */
    static final Duration WITHOUT_NEXT_UPDATE = Duration.ofHours(1);

    private final ProbeNetwork network;
    private final Clock clock;
    private final int maxBytes;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(X509CRL crl, Instant until) {}

    /**
     * @param maxBytes the largest CRL read; a longer body counts as unavailable
     */
    public ProbedCrlSource(ProbeNetwork network, Clock clock, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.network = Objects.requireNonNull(network);
        this.clock = Objects.requireNonNull(clock);
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<X509CRL> crl(URI distributionPoint) {
        String url = distributionPoint.toString();
        Cached cached = cache.get(url);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Optional.of(cached.crl());
        }
        Optional<X509CRL> fetched = fetch(url);
        fetched.ifPresent(crl -> cache.put(url, new Cached(crl, until(crl))));
        return fetched;
    }

    private Optional<X509CRL> fetch(String url) {
        return GuardedFetch.get(network, url, FetchPurpose.CRL, maxBytes, false)
                .filter(page -> page.status() == 200 && !page.truncated() && page.body() != null)
                .flatMap(page -> parse(page.body()));
    }

    private static Optional<X509CRL> parse(byte[] body) {
        try {
            CRL crl = CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
            return crl instanceof X509CRL x509 ? Optional.of(x509) : Optional.empty();
        } catch (CRLException | CertificateException | RuntimeException notACrl) {
            return Optional.empty();
        }
    }

    private Instant until(X509CRL crl) {
        return crl.getNextUpdate() != null ? crl.getNextUpdate().toInstant()
                : clock.instant().plus(WITHOUT_NEXT_UPDATE);
    }
}
