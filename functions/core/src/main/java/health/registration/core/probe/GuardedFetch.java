package health.registration.core.probe;

import health.registration.core.model.DomainName;
import health.registration.core.model.Parsed;
import health.registration.core.model.WebUrl;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * One GET of a URL that is not a registration's member (a CRL, an ownership challenge) under the rules the prober
 * applies to any client-supplied URL (docs/security.md, "The fetch pipeline"): an absolute URL of an allowed scheme
 * whose host is a public DNS name, without user information, fragment or a non-default port, checked before any lookup;
 * every resolved address allowed by the address policy, or none is fetched (fail closed); one GET pinned to those
 * addresses, no redirects, capped at {@code maxBytes}. Never throws for network problems: any failure is empty.
 */
public final class GuardedFetch {

    private GuardedFetch() {}

    /**
     * @param httpsOnly true when plain http is refused (an ownership challenge must come over TLS); a CRL may be
     *                  http, since it is signed (RFC 5280 §4.2.1.13)
     */
    public static Optional<FetchedPage> get(ProbeNetwork network, String url, FetchPurpose purpose, int maxBytes,
                                            boolean httpsOnly) {
        Optional<String> host = publicHost(url, httpsOnly);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<InetAddress> addresses = network.resolver().resolve(host.get());
            // Fail closed: one address outside public unicast refuses the whole name (docs/security.md, "Refused
            // addresses").
            if (addresses.isEmpty() || !addresses.stream().allMatch(network.addressPolicy()::permits)) {
                return Optional.empty();
            }
            return Optional.of(network.fetcher().fetch(new FetchRequest(url, host.get(), addresses, purpose, maxBytes)));
        } catch (ProbeFailure | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** The host to resolve, when the URL may be fetched at all. */
    static Optional<String> publicHost(String url, boolean httpsOnly) {
        Parsed<WebUrl> parsed = WebUrl.parse(url);
        if (!parsed.isOk()) {
            return Optional.empty();
        }
        WebUrl web = parsed.value();
        boolean https = web.normalizedScheme().equals("https");
        String defaultPort = https ? "443" : "80";
        boolean port = web.port() == null || web.port().equals(defaultPort);
        if ((httpsOnly && !https) || web.userInfo() != null || web.fragment() != null || !port
                || web.hasIpLiteralHost() || !DomainName.parse(web.host()).isOk()) {
            return Optional.empty();
        }
        return Optional.of(web.host());
    }
}
