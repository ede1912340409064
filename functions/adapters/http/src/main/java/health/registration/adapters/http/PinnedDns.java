package health.registration.adapters.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;

/**
 * The {@code Dns} of one fetch: it answers the request's host with exactly the addresses the engine checked, and
 * nothing else. The checked address is thus the connected address, and no second lookup can rebind the name to
 * another (docs/security.md, "DNS rebinding and pinned addresses").
 */
final class PinnedDns implements Dns {

    private final String host;
    private final List<InetAddress> addresses;

    PinnedDns(String host, List<InetAddress> addresses) {
        this.host = Objects.requireNonNull(host);
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (!host.equalsIgnoreCase(hostname)) {
            throw new UnknownHostException("only the checked host is resolved in a fetch");
        }
        return addresses;
    }
}
