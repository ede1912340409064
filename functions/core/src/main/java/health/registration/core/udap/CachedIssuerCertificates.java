package health.registration.core.udap;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link IssuerCertificateSource} that remembers what another answered, per URL: certificates for
 * {@link #FOUND} (an issuer's certificate changes rarely; docs/api/udap.md), a failure for
 * {@link #NOT_FOUND}, so that statements sent again and again do not make the prober fetch a dead URL each time,
 * yet a fixed one is tried again soon. At most {@link #MAX_ENTRIES} URLs, the least recently used dropped first.
 * Thread-safe; two threads missing the cache at once may both fetch.
 */
public final class CachedIssuerCertificates implements IssuerCertificateSource {

    static final Duration FOUND = Duration.ofHours(1);
    static final Duration NOT_FOUND = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 256;

    private record Cached(List<X509Certificate> certificates, Instant until) {}

    private final IssuerCertificateSource source;
    private final Clock clock;
    private final Map<URI, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public CachedIssuerCertificates(IssuerCertificateSource source, Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public List<X509Certificate> certificates(URI caIssuers) {
        Instant now = clock.instant();
        Cached cached;
        synchronized (cache) {
            cached = cache.get(caIssuers);
        }
        if (cached != null && now.isBefore(cached.until())) {
            return cached.certificates();
        }
        List<X509Certificate> fetched = List.copyOf(source.certificates(caIssuers));
        Cached entry = new Cached(fetched, now.plus(fetched.isEmpty() ? NOT_FOUND : FOUND));
        synchronized (cache) {
            cache.put(caIssuers, entry);
        }
        return fetched;
    }
}
