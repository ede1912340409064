package health.registration.core.port;

import health.registration.core.probe.UrlProber;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlMember;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.probe.UrlProbe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A prober that never touches the network: every URL passes unless a test made it fail. Records what it was asked
 * to probe, and can run an action inside the next probe (to hold a registration midway, or to let another writer in).
 * Thread-safe.
 */
public final class InMemoryUrlProber implements UrlProber {

    private record Planned(ProbeOutcome outcome, ProbeVerdict verdict) {}

    /** The address every probed name "resolves" to: TEST-NET-3, never routed. */
    public static final String ADDRESS = "203.0.113.10";

    private final Map<String, Planned> planned = new ConcurrentHashMap<>();
    private final Map<String, UrlProbe> answered = new ConcurrentHashMap<>();
    private final List<ClientMetadata> probed = new CopyOnWriteArrayList<>();
    private final List<ProbeTarget> targets = new CopyOnWriteArrayList<>();
    private final AtomicReference<Runnable> duringNextProbe = new AtomicReference<>();

    /** Probing this URL (as written in the metadata) fails the registration with the outcome. */
    public InMemoryUrlProber failing(String url, ProbeOutcome outcome) {
        return answering(url, outcome, ProbeVerdict.FAIL);
    }

    /** Probing this URL ends with the outcome and verdict. */
    public InMemoryUrlProber answering(String url, ProbeOutcome outcome, ProbeVerdict verdict) {
        planned.put(url, new Planned(outcome, verdict));
        return this;
    }

    /**
     * Probing this URL through {@link #probeUrls} gets an HTTP answer with the status and {@code Retry-After}
     * (null for none), as re-verification sees it.
     */
    public InMemoryUrlProber answeringStatus(String url, int status, String retryAfter) {
        answered.put(url, new UrlProbe(new ProbeTarget(url, FetchPurpose.PAGE), null, status, null, null, List.of(ADDRESS), 1,
                null, retryAfter));
        return this;
    }

    /** Every URL passes again. */
    public InMemoryUrlProber passingAll() {
        planned.clear();
        answered.clear();
        return this;
    }

    /** Runs the action once, inside the next probe, before it answers. */
    public InMemoryUrlProber duringNextProbe(Runnable action) {
        duringNextProbe.set(action);
        return this;
    }

    /** How many registrations were probed. */
    public int calls() {
        return probed.size();
    }

    /** Every URL probed through {@link #probeUrls}, in order, repeats kept. */
    public List<ProbeTarget> probedTargets() {
        return List.copyOf(targets);
    }

    /** The metadata of every probe, in order. */
    public List<ClientMetadata> probed() {
        return List.copyOf(probed);
    }

    @Override
    public ProbeReport probe(ClientMetadata metadata) {
        probed.add(metadata);
        Runnable action = duringNextProbe.getAndSet(null);
        if (action != null) {
            action.run();
        }
        return new ProbeReport(metadata.urls().stream().map(this::result).toList());
    }

    /** Each target answers 200 (a valid image for an image) unless a test made its URL fail with an outcome. */
    @Override
    public List<UrlProbe> probeUrls(List<ProbeTarget> asked) {
        targets.addAll(asked);
        Runnable action = duringNextProbe.getAndSet(null);
        if (action != null) {
            action.run();
        }
        return asked.stream().map(this::urlProbe).toList();
    }

    private UrlProbe urlProbe(ProbeTarget target) {
        UrlProbe status = answered.get(target.url());
        if (status != null) {
            return new UrlProbe(target, null, status.httpStatus(), null, null, status.addresses(), 1, null, status.retryAfter());
        }
        Planned plan = planned.get(target.url());
        if (plan == null || plan.verdict() == ProbeVerdict.PASS) {
            ProbeOutcome image = target.purpose() == FetchPurpose.IMAGE ? ProbeOutcome.OK : null;
            return new UrlProbe(target, null, 200, null, image, List.of(ADDRESS), 1, null);
        }
        return UrlProbe.failed(target, plan.outcome(), null, List.of(ADDRESS), 1);
    }

    private ProbeResult result(UrlMember url) {
        Planned plan = planned.get(url.text());
        if (plan == null || plan.verdict() == ProbeVerdict.PASS) {
            return new ProbeResult(url.field(), url.pointer(), url.text(), ProbeOutcome.OK, 200, null,
                    List.of(ADDRESS), 1, ProbeVerdict.PASS, "");
        }
        return new ProbeResult(url.field(), url.pointer(), url.text(), plan.outcome(), null, null, List.of(ADDRESS), 1,
                plan.verdict(), url.name() + " could not be confirmed (" + plan.outcome().code() + "); make it answer");
    }
}
