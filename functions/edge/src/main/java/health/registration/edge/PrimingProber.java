package health.registration.edge;

import health.registration.core.model.ClientMetadata;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.probe.UrlProbe;
import java.util.List;

/**
 * The prober of SnapStart priming ({@link PrimingResource}): it fetches nothing and answers as if every URL answered
 * 200 with what its member needs, from an address of TEST-NET-3 (RFC 5737) that is never contacted.
 */
public final class PrimingProber implements UrlProber {

    private static final List<String> ADDRESS = List.of("203.0.113.10");

    @Override
    public ProbeReport probe(ClientMetadata metadata) {
        return new ProbeReport(metadata.urls().stream().map(url -> new ProbeResult(url.field(), url.pointer(),
                url.text(), ProbeOutcome.OK, 200, null, ADDRESS, 1, ProbeVerdict.PASS, url.name() + " answered 200"))
                .toList());
    }

    @Override
    public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
        return targets.stream().map(target -> new UrlProbe(target, null, 200, null,
                target.purpose() == FetchPurpose.IMAGE ? ProbeOutcome.OK : null, ADDRESS, 1, null)).toList();
    }
}
