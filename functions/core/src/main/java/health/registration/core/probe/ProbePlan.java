package health.registration.core.probe;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which URLs of one registration to probe, and how to judge each member from what probing them found (policy
 * section 5): every distinct URL that passes the URL rules, once even when several members name it, as an image
 * when any of them is the logo, at most {@link ProbeLimits#maxUrlsPerRegistration()} of them. Pure: the probes
 * themselves are made elsewhere, for one registration or for a whole re-verification run.
 */
public final class ProbePlan {

    private final ClientMetadata metadata;
    private final ProbeSettings settings;
    private final Set<String> refused;
    private final Map<String, ProbeTarget> targets;

    private ProbePlan(ClientMetadata metadata, ProbeSettings settings, Set<String> refused, Map<String, ProbeTarget> targets) {
        this.metadata = metadata;
        this.settings = settings;
        this.refused = refused;
        this.targets = targets;
    }

    public static ProbePlan of(ClientMetadata metadata, ProbeSettings settings) {
        Set<String> refused = settings.urlRules().evaluate(metadata, settings.policyContext()).errors().stream()
                .map(Violation::field).collect(Collectors.toSet());
        Map<String, List<UrlMember>> byUrl = new LinkedHashMap<>();
        // Language-tagged variants come last, so that the limit never leaves a required member unprobed.
        List<UrlMember> untaggedFirst = metadata.urls().stream()
                .sorted(Comparator.comparing(member -> member.pointer().contains("#"))).toList();
        for (UrlMember member : untaggedFirst) {
            if (!refused.contains(member.pointer()) && !nativeRedirect(member)) {
                byUrl.computeIfAbsent(member.text(), url -> new ArrayList<>()).add(member);
            }
        }
        Map<String, ProbeTarget> targets = new LinkedHashMap<>();
        byUrl.forEach((url, members) -> {
            if (targets.size() < settings.limits().maxUrlsPerRegistration()) {
                boolean logo = members.stream().anyMatch(m -> m.field() == UrlField.LOGO_URI);
                targets.put(url, new ProbeTarget(url, logo ? FetchPurpose.IMAGE : FetchPurpose.PAGE));
            }
        });
        return new ProbePlan(metadata, settings, refused, targets);
    }

    /** The URLs to probe, each once: untagged members' URLs first, then language-tagged variants'. */
    public List<ProbeTarget> targets() {
        return List.copyOf(targets.values());
    }

    /** Has the prober make this plan's probes, and reports every member from them. */
    public ProbeReport probeWith(Function<List<ProbeTarget>, List<UrlProbe>> prober) {
        Map<String, UrlProbe> byUrl = new HashMap<>();
        prober.apply(targets()).forEach(probe -> byUrl.put(probe.url(), probe));
        return report(byUrl::get);
    }

    /**
     * The report for every URL member, in the metadata's order.
     *
     * @param probes what probing found for a URL, or null when it was not probed; a probe must
     *               {@link ProbeTarget#serves serve} the planned target's purpose
     */
    public ProbeReport report(Function<String, UrlProbe> probes) {
        List<ProbeResult> results = new ArrayList<>();
        for (UrlMember member : metadata.urls()) {
            results.add(judge(member, probeFor(member, probes)));
        }
        return new ProbeReport(results);
    }

    /**
     * A redirect URI with a private-use scheme or a loopback host. Only the manual path's URL rules let one through;
     * nothing on the internet serves it, so it is never probed.
     */
    private static boolean nativeRedirect(UrlMember member) {
        return member.field() == UrlField.REDIRECT_URI
                && (member.url().isEmpty() || member.url().get().hasLoopbackHost());
    }

    private UrlProbe probeFor(UrlMember member, Function<String, UrlProbe> probes) {
        if (refused.contains(member.pointer())) {
            return UrlProbe.failed(new ProbeTarget(member.text(), FetchPurpose.PAGE), ProbeOutcome.INVALID_URL, "", List.of(), 0);
        }
        if (nativeRedirect(member)) {
            return UrlProbe.failed(new ProbeTarget(member.text(), FetchPurpose.PAGE), ProbeOutcome.NOT_PROBED, "", List.of(), 0);
        }
        ProbeTarget target = targets.get(member.text());
        if (target == null) {
            return UrlProbe.failed(new ProbeTarget(member.text(), FetchPurpose.PAGE), ProbeOutcome.TOO_MANY_URLS, "", List.of(), 0);
        }
        UrlProbe probe = probes.apply(member.text());
        if (probe == null || !probe.target().serves(target.purpose())) {
            return UrlProbe.failed(target, ProbeOutcome.CONNECT_ERROR, "the probe failed", List.of(), 0);
        }
        return probe;
    }

    private ProbeResult judge(UrlMember member, UrlProbe probe) {
        ProbeLimits limits = settings.limits();
        ProbeOutcome outcome = probe.outcomeFor(member.field());
        String location = outcome == ProbeOutcome.REDIRECT ? probe.location() : null;
        String description = ProbeDescriptions.describe(member, outcome, probe.httpStatus(), location, probe.detail(), limits);
        return new ProbeResult(member.field(), member.pointer(), member.text(), outcome, probe.httpStatus(), location,
                probe.addresses(), probe.elapsedMillis(), verdict(member.field(), outcome), description);
    }

    private ProbeVerdict verdict(UrlField field, ProbeOutcome outcome) {
        if (outcome == ProbeOutcome.OK || outcome == ProbeOutcome.NOT_PROBED) {
            return ProbeVerdict.PASS;
        }
        boolean terms = field == UrlField.TOS_URI || field == UrlField.POLICY_URI;
        return terms && !settings.termsFailuresAreErrors() ? ProbeVerdict.WARNING : ProbeVerdict.FAIL;
    }
}
