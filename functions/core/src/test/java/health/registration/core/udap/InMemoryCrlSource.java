package health.registration.core.udap;

import java.net.URI;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CrlSource} answering from a map of URLs; never touches the network. Records every request. */
public final class InMemoryCrlSource implements CrlSource {

    private final Map<URI, X509CRL> lists = new ConcurrentHashMap<>();
    private final List<URI> requests = new CopyOnWriteArrayList<>();

    public InMemoryCrlSource with(String url, X509CRL crl) {
        lists.put(URI.create(url), crl);
        return this;
    }

    public InMemoryCrlSource without(String url) {
        lists.remove(URI.create(url));
        return this;
    }

    /** The distribution points asked for, in order. */
    public List<URI> requests() {
        return List.copyOf(requests);
    }

    @Override
    public Optional<X509CRL> crl(URI distributionPoint) {
        requests.add(distributionPoint);
        return Optional.ofNullable(lists.get(distributionPoint));
    }
}
