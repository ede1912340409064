package health.registration.core.probe;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a deployment or a test sets up the prober. The three seams ({@code hostsFile}, {@code trustedCaFile},
 * {@code allowedCidrs}) exist for tests only; the deployed template never sets them, and without them nothing but
 * public unicast addresses with publicly trusted certificates can be probed.
 *
 * @param hostsFile              {@code PROBE_HOSTS_FILE}: names the resolver answers before DNS
 * @param trustedCaFile          {@code PROBE_TRUSTED_CA_FILE}: extra CA certificates (PEM) trusted besides the JDK's
 * @param allowedCidrs           {@code PROBE_ALLOWED_CIDRS}: ranges exempted from the public-address rule
 * @param termsFailuresAreErrors {@code TOS_POLICY_PROBE_FAILURES=error}
 * @param userAgent              sent with every probe, so site owners can tell who is calling
 * @param limits                 time, size and concurrency limits
 */
public record ProbeConfiguration(Optional<Path> hostsFile, Optional<Path> trustedCaFile, List<Cidr> allowedCidrs,
                                 boolean termsFailuresAreErrors, String userAgent, ProbeLimits limits) {

    public ProbeConfiguration {
        Objects.requireNonNull(hostsFile);
        Objects.requireNonNull(trustedCaFile);
        allowedCidrs = List.copyOf(allowedCidrs);
        Objects.requireNonNull(userAgent);
        Objects.requireNonNull(limits);
    }

    /** The address policy these settings ask for. */
    public AddressPolicy addressPolicy() {
        return allowedCidrs.isEmpty() ? AddressPolicy.publicOnly() : AddressPolicy.allowing(allowedCidrs);
    }
}
