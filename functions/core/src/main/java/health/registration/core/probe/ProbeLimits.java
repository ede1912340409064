package health.registration.core.probe;

import java.time.Duration;

/**
 * The bounds on probing (docs/security.md, "Limits").
 *
 * @param connectTimeout           TCP and TLS connect
 * @param readTimeout              between two reads
 * @param callTimeout              the whole exchange, so a server dripping bytes cannot hold a probe
 * @param resolveTimeout           DNS resolution
 * @param maxPageBytes             body bytes read from pages (the body is not needed, only the status)
 * @param maxLogoBytes             largest logo accepted
 * @param maxUrlsPerRegistration   distinct URLs one registration may have probed
 * @param maxInFlight              probes running at once in this process
 * @param maxInFlightPerHost       probes running at once against one host name
 * @param maxPerHostPerMinute      probes started against one host name per minute
 */
public record ProbeLimits(Duration connectTimeout, Duration readTimeout, Duration callTimeout, Duration resolveTimeout,
                          int maxPageBytes, int maxLogoBytes, int maxUrlsPerRegistration, int maxInFlight,
                          int maxInFlightPerHost, int maxPerHostPerMinute) {

    /** The production limits. */
    public static ProbeLimits defaults() {
        return new ProbeLimits(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2),
                16 * 1024, 1024 * 1024, 25, 64, 8, 120);
    }
}
