package health.registration.core.probe;

import health.registration.core.model.ClientMetadata;
import java.util.List;

/**
 * Port: probes URLs (policy section 5). Issuance asks for one registration's report; re-verification asks for the
 * distinct URLs of many clients at once and judges them itself. In AWS it is the probe function behind the Lambda
 * Invoke API, locally the engine in-process.
 */
public interface UrlProber {

    /** Probes every URL of a registration that passes the URL rules and reports each member. */
    ProbeReport probe(ClientMetadata metadata);

    /**
     * Probes each target once, concurrently, within this prober's per-host limits; one probe per target, in order.
     * A target whose host's budget is spent comes back {@link health.registration.core.probe.ProbeOutcome#RATE_LIMITED}.
     */
    List<UrlProbe> probeUrls(List<ProbeTarget> targets);
}
