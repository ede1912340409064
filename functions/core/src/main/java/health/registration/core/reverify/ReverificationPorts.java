package health.registration.core.reverify;

import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.ClientStore;
import health.registration.core.udap.CrlSource;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.NameResolver;
import java.util.Objects;

/**
 * What re-verification reads, probes and writes through.
 *
 * @param clients  the client records
 * @param prober   the probe function (or the engine in-process)
 * @param events   where lifecycle events are published
 * @param queue    where segments of a run too large for one invocation go
 * @param crls     the CRLs UDAP clients' certificates are checked against, as at registration
 * @param resolver resolves the hosts a run probes, so that its per-host budget also counts their addresses; null
 *                 to count host names only
 */
public record ReverificationPorts(ClientStore clients, UrlProber prober, ClientEvents events, ReverificationQueue queue,
                                  CrlSource crls, NameResolver resolver) {

    public ReverificationPorts {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(prober);
        Objects.requireNonNull(events);
        Objects.requireNonNull(queue);
        Objects.requireNonNull(crls);
    }

    /** Ports whose runs count host names only. */
    public ReverificationPorts(ClientStore clients, UrlProber prober, ClientEvents events, ReverificationQueue queue,
                               CrlSource crls) {
        this(clients, prober, events, queue, crls, null);
    }
}
