package health.registration.core.probe;

import health.registration.core.model.ClientMetadata;
import java.util.List;
import java.util.Objects;

/**
 * A prober for a path whose URL rules differ from the open paths' (manual registration): it plans a registration's
 * probes here, by that path's rules, and has another prober (the probe function) make them, so that a native app's
 * redirect URI is never sent to be probed.
 */
public final class PlannedUrlProber implements UrlProber {

    private final UrlProber delegate;
    private final ProbeSettings settings;

    public PlannedUrlProber(UrlProber delegate, ProbeSettings settings) {
        this.delegate = Objects.requireNonNull(delegate);
        this.settings = Objects.requireNonNull(settings);
    }

    @Override
    public ProbeReport probe(ClientMetadata metadata) {
        return ProbePlan.of(metadata, settings).probeWith(delegate::probeUrls);
    }

    @Override
    public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
        return delegate.probeUrls(targets);
    }
}
