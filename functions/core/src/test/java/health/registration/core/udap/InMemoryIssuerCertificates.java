package health.registration.core.udap;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link IssuerCertificateSource} answering from a map of URLs; never touches the network. Records every request. */
public final class InMemoryIssuerCertificates implements IssuerCertificateSource {

    private final Map<URI, List<X509Certificate>> published = new ConcurrentHashMap<>();
    private final List<URI> requests = new CopyOnWriteArrayList<>();

    public InMemoryIssuerCertificates with(String url, X509Certificate... certificates) {
        published.put(URI.create(url), List.of(certificates));
        return this;
    }

    /** The caIssuers URLs asked for, in order. */
    public List<URI> requests() {
        return List.copyOf(requests);
    }

    @Override
    public List<X509Certificate> certificates(URI caIssuers) {
        requests.add(caIssuers);
        return published.getOrDefault(caIssuers, List.of());
    }
}
