package health.registration.core.probe;

import health.registration.core.model.ClientMetadata;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The in-process prober (policy section 5): plans a registration's probes ({@link ProbePlan}), makes them
 * concurrently ({@link UrlProbeEngine}), and judges each member from them.
 */
public final class RegistrationProber implements UrlProber {

    private final ProbeSettings settings;
    private final UrlProbeEngine engine;

    /**
     * @param executor runs the probes; its size bounds the probes in flight in this process
     */
    public RegistrationProber(ProbeNetwork network, ProbeSettings settings, HostLimiter hostLimiter, ExecutorService executor) {
        this.settings = settings;
        this.engine = new UrlProbeEngine(network, settings.limits(), hostLimiter, executor);
    }

    @Override
    public ProbeReport probe(ClientMetadata metadata) {
        return ProbePlan.of(metadata, settings).probeWith(this::probeUrls);
    }

    @Override
    public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
        return engine.probe(targets);
    }
}
