package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryUrlProber;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manual path's prober: it plans by the manual URL rules, so a native app's redirect URI (private-use scheme or
 * loopback address) is never probed and passes as {@code not_probed}; on the open path the same URI is
 * {@code invalid_url}.
 */
class PlannedUrlProberTest {

    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String PRIVATE_USE = "com.example.app:/callback";
    private static final String LOOPBACK = "http://127.0.0.1:51004/callback";
    private static final String IPV6_LOOPBACK = "http://[::1]/callback";
    private static final ProbeSettings OPEN = new ProbeSettings(ProbeLimits.defaults(), false, ValidMetadata.CONTEXT);
    private static final ProbeSettings MANUAL = OPEN.withUrlRules(Policies.manualUrlRules());

    private static ClientMetadata withRedirectUris(String... urls) {
        return ValidMetadata.with("redirect_uris", "[\"" + String.join("\", \"", urls) + "\"]");
    }

    private static List<ProbeResult> redirectResults(ProbeReport report) {
        return report.results().stream().filter(r -> r.pointer().startsWith("/redirect_uris/")).toList();
    }

    @Test
    void keepsTheLimitsAndContextAndChangesOnlyTheUrlRules() {
        assertThat(MANUAL.limits()).isEqualTo(OPEN.limits());
        assertThat(MANUAL.policyContext()).isEqualTo(OPEN.policyContext());
        assertThat(MANUAL.termsFailuresAreErrors()).isEqualTo(OPEN.termsFailuresAreErrors());
        assertThat(OPEN.urlRules().name()).isEqualTo("open-url-rules");
        assertThat(MANUAL.urlRules().name()).isEqualTo("manual-url-rules");
    }

    @Test
    void sendsOnlyTheWebUrlsToTheProberAndPassesNativeRedirectUrisUnprobed() {
        InMemoryUrlProber delegate = new InMemoryUrlProber();

        ProbeReport report = new PlannedUrlProber(delegate, MANUAL).probe(withRedirectUris(PRIVATE_USE, CALLBACK, LOOPBACK, IPV6_LOOPBACK));

        assertThat(delegate.probedTargets()).extracting(ProbeTarget::url).doesNotContain(PRIVATE_USE, LOOPBACK, IPV6_LOOPBACK)
                .contains(CALLBACK).hasSize(5);
        assertThat(delegate.probed()).isEmpty();
        assertThat(redirectResults(report)).extracting(ProbeResult::url, ProbeResult::outcome, ProbeResult::verdict).containsExactly(
                tuple(PRIVATE_USE, ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS),
                tuple(CALLBACK, ProbeOutcome.OK, ProbeVerdict.PASS),
                tuple(LOOPBACK, ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS),
                tuple(IPV6_LOOPBACK, ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS));
        assertThat(report.passed()).isTrue();
        assertThat(report.violations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PRIVATE_USE, LOOPBACK, IPV6_LOOPBACK})
    void judgesANativeRedirectUriInvalidOnTheOpenPath(String url) {
        ProbePlan open = ProbePlan.of(withRedirectUris(url), OPEN);
        ProbePlan manual = ProbePlan.of(withRedirectUris(url), MANUAL);

        assertThat(open.targets()).extracting(ProbeTarget::url).doesNotContain(url);
        assertThat(manual.targets()).extracting(ProbeTarget::url).doesNotContain(url);
        assertThat(redirectResults(open.probeWith(new InMemoryUrlProber()::probeUrls)))
                .extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.INVALID_URL);
        assertThat(redirectResults(manual.probeWith(new InMemoryUrlProber()::probeUrls)))
                .extracting(ProbeResult::outcome, ProbeResult::verdict).containsExactly(tuple(ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"myapp:/callback", "http://localhost/callback", "https://127.0.0.1/callback", "http://app.example.com/callback"})
    void judgesARedirectUriTheManualRulesRefuseInvalidThere(String url) {
        ProbeReport report = new PlannedUrlProber(new InMemoryUrlProber(), MANUAL).probe(withRedirectUris(url));

        assertThat(redirectResults(report)).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.INVALID_URL);
    }

    @Test
    void stillProbesTheLogoAsAnImage() {
        InMemoryUrlProber delegate = new InMemoryUrlProber().failing("https://app.example.com/logo.png", ProbeOutcome.NOT_AN_IMAGE);

        ProbeReport report = new PlannedUrlProber(delegate, MANUAL).probe(withRedirectUris(PRIVATE_USE));

        assertThat(delegate.probedTargets()).extracting(ProbeTarget::url, ProbeTarget::purpose)
                .contains(tuple("https://app.example.com/logo.png", FetchPurpose.IMAGE));
        assertThat(report.violations()).extracting(v -> v.field()).containsExactly("/logo_uri");
    }

    @Test
    void passesProbesOfTargetsStraightToItsDelegate() {
        InMemoryUrlProber delegate = new InMemoryUrlProber();
        List<ProbeTarget> targets = List.of(new ProbeTarget(CALLBACK, FetchPurpose.PAGE));

        List<UrlProbe> probes = new PlannedUrlProber(delegate, MANUAL).probeUrls(targets);

        assertThat(probes).extracting(UrlProbe::url).containsExactly(CALLBACK);
        assertThat(delegate.probedTargets()).isEqualTo(targets);
    }

    @Test
    void namesItsOutcomeNotProbedAndNeverTransient() {
        assertThat(ProbeOutcome.NOT_PROBED.code()).isEqualTo("not_probed");
        assertThat(ProbeOutcome.NOT_PROBED.transientFailure()).isFalse();
    }
}
