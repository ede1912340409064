package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbePlanTest {

    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String HOME = "https://app.example.com";
    private static final String LOGO = "https://app.example.com/logo.png";
    private static final String TERMS = "https://app.example.com/terms";
    private static final String PRIVACY = "https://app.example.com/privacy";

    private static ProbeSettings settings(int maxUrls, boolean termsFailuresAreErrors) {
        ProbeLimits limits = new ProbeLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1), 1024, 4096, maxUrls, 16, 8, 1000);
        return new ProbeSettings(limits, termsFailuresAreErrors, ValidMetadata.CONTEXT);
    }

    private static ProbePlan plan(ClientMetadata metadata) {
        return ProbePlan.of(metadata, settings(25, false));
    }

    /** The valid fixture with members set to JSON values, pairs of name and value. */
    private static ClientMetadata fixtureWith(String... membersAndValues) {
        ObjectNode json = ValidMetadata.json();
        for (int i = 0; i < membersAndValues.length; i += 2) {
            ValidMetadata.set(json, membersAndValues[i], membersAndValues[i + 1]);
        }
        return ClientMetadata.of(json);
    }

    private static UrlProbe answered(String url, FetchPurpose purpose, int status) {
        ProbeOutcome image = purpose == FetchPurpose.IMAGE ? ProbeOutcome.OK : null;
        return new UrlProbe(new ProbeTarget(url, purpose), null, status, null, image, List.of("11.22.33.44"), 3, null);
    }

    /** Every planned target answered 200 (a good image for an image target), with chosen exceptions. */
    private static Function<String, UrlProbe> allAnswering200(ProbePlan plan, UrlProbe... exceptions) {
        Map<String, UrlProbe> probes = new HashMap<>();
        plan.targets().forEach(t -> probes.put(t.url(), answered(t.url(), t.purpose(), 200)));
        for (UrlProbe exception : exceptions) {
            probes.put(exception.url(), exception);
        }
        return probes::get;
    }

    private static ProbeResult resultFor(ProbeReport report, String pointer) {
        return report.results().stream().filter(r -> r.pointer().equals(pointer)).findFirst().orElseThrow();
    }

    @Test
    void plansEveryDistinctUrlOnceInTheMetadatasOrder() {
        ClientMetadata metadata = fixtureWith("client_uri", "\"" + CALLBACK + "\"", "tos_uri", "\"" + CALLBACK + "\"");

        assertThat(plan(metadata).targets()).extracting(ProbeTarget::url, ProbeTarget::purpose).containsExactly(
                tuple(CALLBACK, FetchPurpose.PAGE), tuple(LOGO, FetchPurpose.IMAGE), tuple(PRIVACY, FetchPurpose.PAGE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "only the logo names it                        | logo_uri       | https://app.example.com/logo.png       | IMAGE",
        "client_uri names the logo's URL first         | client_uri     | https://app.example.com/logo.png       | IMAGE",
        "a redirect URI is the logo's URL              | redirect_uris  | [\"https://app.example.com/logo.png\"] | IMAGE",
        "a tagged logo variant names client_uri's URL  | logo_uri#fr    | https://app.example.com                | IMAGE",
        "no logo names it                              | tos_uri        | https://app.example.com/privacy        | PAGE",
    })
    void probesAUrlAsAnImageWhenAnyMemberNamingItIsTheLogo(String reason, String member, String value, FetchPurpose purpose) {
        String json = value.startsWith("[") ? value : "\"" + value + "\"";
        String url = value.startsWith("[") ? LOGO : value;

        List<ProbeTarget> targets = plan(fixtureWith(member, json)).targets();

        assertThat(targets).filteredOn(t -> t.url().equals(url)).singleElement()
                .extracting(ProbeTarget::purpose).isEqualTo(purpose);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a redirect URI over http          | redirect_uris | [\"http://app.example.com/callback\"]  | /redirect_uris/0 | http://app.example.com/callback",
        "a loopback redirect URI           | redirect_uris | [\"https://localhost/callback\"]       | /redirect_uris/0 | https://localhost/callback",
        "an IP literal host                | client_uri    | \"https://10.0.0.1\"                   | /client_uri      | https://10.0.0.1",
        "user info in the URL              | logo_uri      | \"https://me@app.example.com/l.png\"   | /logo_uri        | https://me@app.example.com/l.png",
        "a fragment                        | tos_uri       | \"https://app.example.com/terms#top\"  | /tos_uri         | https://app.example.com/terms#top",
        "a port that is not the default    | policy_uri    | \"https://app.example.com:8443/p\"     | /policy_uri      | https://app.example.com:8443/p",
        "a tagged variant on a private TLD | client_uri#fr | \"https://app.internal\"               | /client_uri#fr   | https://app.internal",
    })
    void neverPlansAUrlThatBreaksAUrlRuleAndReportsItAsInvalid(String reason, String member, String json, String pointer, String url) {
        ProbePlan plan = plan(fixtureWith(member, json));

        assertThat(plan.targets()).extracting(ProbeTarget::url).doesNotContain(url);
        ProbeReport report = plan.report(allAnswering200(plan));
        assertThat(resultFor(report, pointer).outcome()).isEqualTo(ProbeOutcome.INVALID_URL);
        assertThat(resultFor(report, pointer).verdict()).isNotEqualTo(ProbeVerdict.PASS);
        assertThat(report.violations()).as("the URL rules report it already").extracting(Violation::field).doesNotContain(pointer);
    }

    @Test
    void plansAtMostTheLimitWithLanguageTaggedVariantsCutFirst() {
        ClientMetadata metadata = fixtureWith(
                "client_uri#fr", "\"https://app.example.com/fr\"",
                "client_uri#de", "\"" + HOME + "\"",
                "logo_uri#de", "\"https://app.example.com/logo-de.png\"");
        ProbePlan plan = ProbePlan.of(metadata, settings(5, false));

        assertThat(plan.targets()).extracting(ProbeTarget::url).containsExactly(CALLBACK, HOME, LOGO, TERMS, PRIVACY);
        ProbeReport report = plan.report(allAnswering200(plan));
        assertThat(report.results()).filteredOn(r -> r.outcome() == ProbeOutcome.TOO_MANY_URLS)
                .extracting(ProbeResult::pointer)
                .as("a tagged variant naming a planned URL shares its probe; the others are cut")
                .containsExactly("/client_uri#fr", "/logo_uri#de");
        assertThat(resultFor(report, "/client_uri#de").outcome()).isEqualTo(ProbeOutcome.OK);
        assertThat(resultFor(report, "/client_uri#fr").description()).contains("at most 5 distinct URLs");
    }

    @ParameterizedTest(name = "{0} answering {1} ({2}) -> {3}")
    @CsvSource({
        "/redirect_uris/0, 200, PAGE,  OK",
        "/redirect_uris/0, 400, PAGE,  OK",
        "/redirect_uris/0, 404, PAGE,  NOT_FOUND",
        "/redirect_uris/0, 302, PAGE,  REDIRECT",
        "/client_uri,      400, PAGE,  CLIENT_ERROR",
        "/client_uri,      503, PAGE,  SERVER_ERROR",
        "/client_uri,      200, PAGE,  OK",
        "/logo_uri,        200, IMAGE, OK",
        "/logo_uri,        410, IMAGE, NOT_FOUND",
        "/logo_uri,        301, IMAGE, REDIRECT",
        "/tos_uri,         404, PAGE,  NOT_FOUND",
        "/policy_uri,      500, PAGE,  SERVER_ERROR",
    })
    void judgesEachMemberFromTheProbeOfItsUrl(String pointer, int status, FetchPurpose purpose, ProbeOutcome expected) {
        ProbePlan plan = plan(ValidMetadata.metadata());
        String url = resultFor(plan.report(allAnswering200(plan)), pointer).url();

        ProbeReport report = plan.report(allAnswering200(plan, answered(url, purpose, status)));

        ProbeResult result = resultFor(report, pointer);
        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.url()).isEqualTo(url);
        assertThat(result.addresses()).containsExactly("11.22.33.44");
        assertThat(report.results()).filteredOn(r -> !r.pointer().equals(pointer)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ProbeOutcome.OK));
    }

    @Test
    void judgesAUrlNamedByTwoMembersForEachOfThem() {
        ProbePlan plan = plan(fixtureWith("client_uri", "\"" + CALLBACK + "\""));

        ProbeReport report = plan.report(allAnswering200(plan, answered(CALLBACK, FetchPurpose.PAGE, 400)));

        assertThat(report.results()).extracting(ProbeResult::pointer, ProbeResult::outcome).contains(
                tuple("/redirect_uris/0", ProbeOutcome.OK), tuple("/client_uri", ProbeOutcome.CLIENT_ERROR));
    }

    @Test
    void neverJudgesALogoFromAProbeMadeForAPage() {
        ProbePlan plan = plan(ValidMetadata.metadata());

        ProbeReport report = plan.report(allAnswering200(plan, answered(LOGO, FetchPurpose.PAGE, 200)));

        ProbeResult logo = resultFor(report, "/logo_uri");
        assertThat(logo.outcome()).isEqualTo(ProbeOutcome.CONNECT_ERROR);
        assertThat(logo.verdict()).isEqualTo(ProbeVerdict.FAIL);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void judgesPageMembersFromAnImageProbeOfTheirUrl() {
        ProbePlan plan = plan(fixtureWith("client_uri", "\"" + LOGO + "\""));

        ProbeReport report = plan.report(allAnswering200(plan));

        assertThat(resultFor(report, "/client_uri").outcome()).isEqualTo(ProbeOutcome.OK);
        assertThat(resultFor(report, "/logo_uri").outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void failsAMemberWhoseUrlWasNotProbedAsUnreachable() {
        ProbePlan plan = plan(ValidMetadata.metadata());
        Function<String, UrlProbe> allButTheLogo = url -> url.equals(LOGO) ? null : answered(url, FetchPurpose.PAGE, 200);

        ProbeReport report = plan.report(allButTheLogo);

        assertThat(resultFor(report, "/logo_uri")).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.CONNECT_ERROR);
            assertThat(r.outcome().code()).isEqualTo("connect_error");
            assertThat(r.verdict()).isEqualTo(ProbeVerdict.FAIL);
            assertThat(r.httpStatus()).isNull();
        });
    }

    @Test
    void asksOnlyForPlannedUrlsAndReportsEveryMemberInTheMetadatasOrder() {
        ProbePlan plan = plan(fixtureWith("redirect_uris", "[\"" + CALLBACK + "\", \"http://app.example.com/cb\"]"));
        List<String> asked = new CopyOnWriteArrayList<>();
        Function<String, UrlProbe> probes = allAnswering200(plan);

        ProbeReport report = plan.report(url -> {
            asked.add(url);
            return probes.apply(url);
        });

        assertThat(asked).doesNotContain("http://app.example.com/cb");
        assertThat(report.results()).extracting(ProbeResult::pointer).containsExactly(
                "/redirect_uris/0", "/redirect_uris/1", "/client_uri", "/logo_uri", "/tos_uri", "/policy_uri");
    }

    @ParameterizedTest(name = "{0} failing, terms failures are errors: {1} -> {2}")
    @CsvSource({
        "/tos_uri,          false, WARNING",
        "/policy_uri,       false, WARNING",
        "/tos_uri,          true,  FAIL",
        "/policy_uri,       true,  FAIL",
        "/client_uri,       false, FAIL",
        "/logo_uri,         false, FAIL",
        "/redirect_uris/0,  false, FAIL",
    })
    void warnsOfTermsAndPolicyFailuresUnlessConfiguredToRefuse(String pointer, boolean termsFailuresAreErrors, ProbeVerdict verdict) {
        ProbePlan plan = ProbePlan.of(ValidMetadata.metadata(), settings(25, termsFailuresAreErrors));
        String url = resultFor(plan.report(allAnswering200(plan)), pointer).url();
        FetchPurpose purpose = plan.targets().stream().filter(t -> t.url().equals(url)).findFirst().orElseThrow().purpose();

        ProbeReport report = plan.report(allAnswering200(plan, answered(url, purpose, 404)));

        assertThat(resultFor(report, pointer).verdict()).isEqualTo(verdict);
        assertThat(report.passed()).isEqualTo(verdict != ProbeVerdict.FAIL);
    }
}
