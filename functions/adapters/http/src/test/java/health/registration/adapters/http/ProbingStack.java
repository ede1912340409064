package health.registration.adapters.http;

import health.registration.adapters.dns.HostsFile;
import health.registration.adapters.dns.SystemNameResolver;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.HostLimiter;
import health.registration.core.probe.ProbeNetwork;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.probe.RegistrationProber;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.X509TrustManager;

/**
 * The whole prober as {@link NetworkUrlProber} wires it: the URL rules and {@link RegistrationProber} over the real
 * {@link SystemNameResolver} and {@link OkHttpPageFetcher}, bound by the unmodified {@link AddressPolicy#publicOnly()}.
 * Only the two seams below the checks differ (docs/security.md, "Testing without weakening the guard"): the resolver's
 * lookup, which stands in for DNS and records every name it is asked, and the fetcher's {@link RecordingDialer}.
 */
final class ProbingStack implements AutoCloseable {

    static final URI MANUAL_REGISTRATION = URI.create("https://manual.example.org/register");

    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final RecordingDialer dialer;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "ssrf-test-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final RegistrationProber prober;

    /**
     * @param hosts  names answered before the lookup (the {@code PROBE_HOSTS_FILE} seam)
     * @param dns    the lookup for every other name; it must never query real DNS
     * @param trust  the certificate authorities the fetcher trusts
     * @param dialer where approved endpoints go; it refuses to leave the machine
     */
    ProbingStack(HostsFile hosts, SystemNameResolver.AddressLookup dns, X509TrustManager trust, RecordingDialer dialer) {
        this.dialer = dialer;
        SystemNameResolver resolver = new SystemNameResolver(hosts, FetcherFixture.LIMITS.resolveTimeout(), host -> {
            lookups.add(host);
            return dns.lookup(host);
        });
        OkHttpPageFetcher fetcher = new OkHttpPageFetcher(AddressPolicy.publicOnly(), trust, FetcherFixture.LIMITS,
                FetcherFixture.USER_AGENT, dialer);
        prober = new RegistrationProber(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()),
                new ProbeSettings(FetcherFixture.LIMITS, false, new PolicyContext(MANUAL_REGISTRATION)),
                new HostLimiter(8, 10_000, Clock.systemUTC()), executor);
    }

    /** A lookup that knows no name, like DNS answering NXDOMAIN, without asking any server. */
    static SystemNameResolver.AddressLookup nothingResolves() {
        return host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        };
    }

    /**
     * Probes metadata carrying the URL in one member ({@code redirect_uris} as its only entry), and returns the
     * result for that member, the only one there is.
     */
    ProbeResult probe(String member, String url) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (member.equals("redirect_uris")) {
            json.putArray(member).add(url);
        } else {
            json.put(member, url);
        }
        List<ProbeResult> results = prober.probe(ClientMetadata.of(json)).results();
        assertThat(results).as("one result for the one URL member").hasSize(1);
        assertThat(results.get(0).pointer()).isEqualTo(member.equals("redirect_uris") ? "/redirect_uris/0" : "/" + member);
        return results.get(0);
    }

    /** Every name that reached the lookup (not the hosts file), in order. */
    List<String> lookups() {
        return List.copyOf(lookups);
    }

    RecordingDialer dialer() {
        return dialer;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
