package health.registration.adapters.http;

import health.registration.adapters.dns.SystemNameResolver;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.HostLimiter;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeNetwork;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.probe.RegistrationProber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;

/**
 * The one place a prober with a real network is built: the probing engine over the system resolver and the OkHttp
 * fetcher, both bound by one address policy. The probe function builds it at start; locally, the functions that
 * need probing build it in-process.
 */
public final class NetworkUrlProber {

    private NetworkUrlProber() {}

    /**
     * @throws IllegalStateException when a test seam names a file that cannot be read as what it should be; the
     *                               function then fails to start instead of probing with weaker checks
     */
    public static UrlProber create(ProbeConfiguration configuration, PolicyContext context) {
        ProbeLimits limits = configuration.limits();
        ProbeNetwork network = network(configuration);
        ProbeSettings settings = new ProbeSettings(limits, configuration.termsFailuresAreErrors(), context);
        HostLimiter hostLimiter = new HostLimiter(limits.maxInFlightPerHost(), limits.maxPerHostPerMinute(), Clock.systemUTC());
        return new RegistrationProber(network, settings, hostLimiter, probeThreads(limits.maxInFlight()));
    }

    /** The prober's resolver alone (with the hosts-file seam when set), for what needs addresses but fetches nothing. */
    public static NameResolver resolver(ProbeConfiguration configuration) {
        return SystemNameResolver.create(configuration);
    }

    /** The resolver, fetcher and address policy alone, for other fetches through the same guard (CRLs). */
    public static ProbeNetwork network(ProbeConfiguration configuration) {
        ProbeLimits limits = configuration.limits();
        AddressPolicy policy = configuration.addressPolicy();
        return new ProbeNetwork(
                SystemNameResolver.create(SystemNameResolver.hostsFile(configuration), limits),
                OkHttpPageFetcher.create(policy, trust(configuration), limits, configuration.userAgent()),
                policy);
    }

    /**
     * As {@link #network(ProbeConfiguration)}, with every timeout capped at {@code callTimeout}: for fetches a
     * request waits on (issuer certificates from Authority Information Access).
     */
    public static ProbeNetwork network(ProbeConfiguration configuration, Duration callTimeout) {
        ProbeLimits limits = configuration.limits();
        ProbeLimits capped = new ProbeLimits(shorter(limits.connectTimeout(), callTimeout),
                shorter(limits.readTimeout(), callTimeout), shorter(limits.callTimeout(), callTimeout),
                shorter(limits.resolveTimeout(), callTimeout), limits.maxPageBytes(), limits.maxLogoBytes(),
                limits.maxUrlsPerRegistration(), limits.maxInFlight(), limits.maxInFlightPerHost(),
                limits.maxPerHostPerMinute());
        AddressPolicy policy = configuration.addressPolicy();
        return new ProbeNetwork(
                SystemNameResolver.create(SystemNameResolver.hostsFile(configuration), capped),
                OkHttpPageFetcher.create(policy, trust(configuration), capped, configuration.userAgent()),
                policy);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static X509TrustManager trust(ProbeConfiguration configuration) {
        try {
            return configuration.trustedCaFile().isPresent()
                    ? TrustedCertificates.platformAnd(configuration.trustedCaFile().get()) : TrustedCertificates.platform();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalStateException("PROBE_TRUSTED_CA_FILE cannot be read as PEM certificates", e);
        }
    }

    /** Daemon threads, as many as probes may be in flight in this process. */
    private static ExecutorService probeThreads(int count) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, "url-probe-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
