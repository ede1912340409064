package health.registration.core.probe;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One GET to make: the URL, and the only addresses its host may be reached at, which the engine has already
 * checked against the address policy (the connection is pinned to them; no second lookup happens).
 *
 * @param url          the absolute http(s) URL, exactly as registered
 * @param host         its host name
 * @param addresses    the checked addresses, in the resolver's order
 * @param purpose      why it is fetched (the {@code Accept} header depends on it)
 * @param maxBodyBytes how many body bytes to read at most
 */
public record FetchRequest(String url, String host, List<InetAddress> addresses, FetchPurpose purpose, int maxBodyBytes) {

    public FetchRequest {
        Objects.requireNonNull(url);
        Objects.requireNonNull(host);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(purpose);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a fetch needs at least one checked address");
        }
    }
}
