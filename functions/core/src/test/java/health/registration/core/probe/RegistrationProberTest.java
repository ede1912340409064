package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistrationProberTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext CONTEXT = new PolicyContext(URI.create("https://manual.example.org/register"));
    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");
    private static final ProbeLimits LIMITS = new ProbeLimits(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(1), 1024, 4096, 25, 16, 8, 1000);

    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final InMemoryNameResolver resolver = new InMemoryNameResolver().answer("app.example.com", "11.22.33.44");
    private final ScriptedPageFetcher fetcher = new ScriptedPageFetcher()
            .page("https://app.example.com/cb", 400)
            .page("https://app.example.com", 200)
            .page("https://app.example.com/logo.png", 200, "image/png", PNG)
            .page("https://app.example.com/terms", 200)
            .page("https://app.example.com/privacy", 200);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private RegistrationProber prober(boolean termsFailuresAreErrors) {
        return new RegistrationProber(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()),
                new ProbeSettings(LIMITS, termsFailuresAreErrors, CONTEXT), new HostLimiter(8, 1000, Clock.systemUTC()), executor);
    }

    private static ObjectNode metadata() {
        ObjectNode json = JSON.createObjectNode();
        json.putArray("redirect_uris").add("https://app.example.com/cb");
        json.put("client_uri", "https://app.example.com");
        json.put("logo_uri", "https://app.example.com/logo.png");
        json.put("tos_uri", "https://app.example.com/terms");
        json.put("policy_uri", "https://app.example.com/privacy");
        return json;
    }

    private ProbeReport probe(ObjectNode json) {
        return prober(false).probe(ClientMetadata.of(json));
    }

    @Test
    void passesAWellHostedRegistrationAndReportsEachUrl() {
        ProbeReport report = probe(metadata());

        assertThat(report.passed()).isTrue();
        assertThat(report.results()).extracting(ProbeResult::pointer, ProbeResult::outcome, ProbeResult::httpStatus, ProbeResult::verdict)
                .containsExactly(
                        tuple("/redirect_uris/0", ProbeOutcome.OK, 400, ProbeVerdict.PASS),
                        tuple("/client_uri", ProbeOutcome.OK, 200, ProbeVerdict.PASS),
                        tuple("/logo_uri", ProbeOutcome.OK, 200, ProbeVerdict.PASS),
                        tuple("/tos_uri", ProbeOutcome.OK, 200, ProbeVerdict.PASS),
                        tuple("/policy_uri", ProbeOutcome.OK, 200, ProbeVerdict.PASS));
        assertThat(report.results()).allSatisfy(r -> assertThat(r.addresses()).containsExactly("11.22.33.44"));
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void probesAUrlNamedTwiceOnceAndJudgesItForEachMember() {
        ObjectNode json = metadata();
        json.put("client_uri", "https://app.example.com/cb");
        json.put("tos_uri", "https://app.example.com/cb");

        ProbeReport report = probe(json);

        assertThat(fetcher.requests).extracting(FetchRequest::url).filteredOn("https://app.example.com/cb"::equals).hasSize(1);
        assertThat(report.results()).extracting(ProbeResult::pointer, ProbeResult::outcome).contains(
                tuple("/redirect_uris/0", ProbeOutcome.OK), tuple("/client_uri", ProbeOutcome.CLIENT_ERROR),
                tuple("/tos_uri", ProbeOutcome.CLIENT_ERROR));
    }

    @Test
    void fetchesWithTheLogoCapWhenALogoSharesTheUrl() {
        ObjectNode json = metadata();
        json.put("client_uri", "https://app.example.com/logo.png");

        probe(json);

        assertThat(fetcher.requests).filteredOn(r -> r.url().equals("https://app.example.com/logo.png"))
                .singleElement().satisfies(r -> assertThat(r.maxBodyBytes()).isEqualTo(LIMITS.maxLogoBytes()));
    }

    @Test
    void neverProbesUrlsThatBreakTheUrlRules() {
        ObjectNode json = metadata();
        json.putArray("redirect_uris").add("https://127.0.0.1/cb").add("x-app:/cb").add("https://localhost/cb");
        json.put("client_uri", "https://10.0.0.1");

        ProbeReport report = probe(json);

        assertThat(report.results()).filteredOn(r -> r.outcome() == ProbeOutcome.INVALID_URL)
                .extracting(ProbeResult::pointer)
                .containsExactly("/redirect_uris/0", "/redirect_uris/1", "/redirect_uris/2", "/client_uri");
        assertThat(fetcher.requests).extracting(FetchRequest::url).doesNotContain("https://127.0.0.1/cb", "https://10.0.0.1");
        assertThat(resolver.lookups).containsOnly("app.example.com");
        assertThat(report.violations()).as("the URL rules report those").extracting(Violation::field)
                .doesNotContain("/redirect_uris/0", "/client_uri");
    }

    @Test
    void refusesANameWithAnyNonPublicAddressWithoutConnecting() {
        resolver.answer("private.example.com", "10.0.0.7")
                .answer("mixed.example.com", "11.22.33.44", "169.254.169.254")
                .answer("loopback6.example.com", "::1");
        ObjectNode json = metadata();
        json.putArray("redirect_uris").add("https://private.example.com/cb").add("https://mixed.example.com/cb")
                .add("https://loopback6.example.com/cb");

        ProbeReport report = probe(json);

        assertThat(report.results().subList(0, 3)).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
            assertThat(r.verdict()).isEqualTo(ProbeVerdict.FAIL);
            assertThat(r.description()).contains("only public internet addresses");
        });
        assertThat(report.results().get(1).addresses()).containsExactly("11.22.33.44", "169.254.169.254");
        assertThat(fetcher.requests).extracting(FetchRequest::host).doesNotContain("private.example.com", "mixed.example.com",
                "loopback6.example.com");
    }

    @Test
    void checksTheAddressesOfEveryUrlMemberOfSectionNine() {
        resolver.answer("keys.example.com", "10.0.0.7")
                .answer("requests.example.com", "169.254.169.254")
                .answer("sector.example.com", "fd00::1")
                .answer("logout.example.com", "11.22.33.44");
        fetcher.page("https://logout.example.com/bye", 400).page("https://logout.example.com/back", 405);
        ObjectNode json = metadata();
        json.put("jwks_uri", "https://keys.example.com/jwks.json");
        json.putArray("request_uris").add("https://requests.example.com/r.jwt");
        json.put("sector_identifier_uri", "https://sector.example.com/uris.json");
        json.putArray("post_logout_redirect_uris").add("https://logout.example.com/bye");
        json.put("backchannel_logout_uri", "https://logout.example.com/back");

        ProbeReport report = probe(json);

        assertThat(report.results()).filteredOn(r -> r.field().member().required() == false)
                .extracting(ProbeResult::pointer, ProbeResult::outcome, ProbeResult::verdict).containsExactly(
                        tuple("/jwks_uri", ProbeOutcome.NOT_PUBLIC, ProbeVerdict.FAIL),
                        tuple("/sector_identifier_uri", ProbeOutcome.NOT_PUBLIC, ProbeVerdict.FAIL),
                        tuple("/request_uris/0", ProbeOutcome.NOT_PUBLIC, ProbeVerdict.FAIL),
                        tuple("/post_logout_redirect_uris/0", ProbeOutcome.OK, ProbeVerdict.PASS),
                        tuple("/backchannel_logout_uri", ProbeOutcome.OK, ProbeVerdict.PASS));
        assertThat(fetcher.requests).extracting(FetchRequest::host).doesNotContain("keys.example.com", "requests.example.com",
                "sector.example.com");
        assertThat(report.violations()).extracting(v -> v.field()).containsExactly("/jwks_uri", "/sector_identifier_uri",
                "/request_uris/0");
    }

    @Test
    void resolvesEachNameOnceAndFetchesOnlyTheCheckedAddresses() {
        ProbeReport report = probe(metadata());

        assertThat(report.passed()).isTrue();
        assertThat(resolver.lookups).hasSize(5);
        assertThat(fetcher.requests).hasSize(5).allSatisfy(r -> assertThat(r.addresses()).extracting(a -> a.getHostAddress())
                .containsExactly("11.22.33.44"));
    }

    @Test
    void reportsFailuresWithTheirOutcomesAndPlainDescriptions() {
        fetcher.page("https://app.example.com/cb", 302).page("https://app.example.com", 404)
                .fail("https://app.example.com/logo.png", ProbeOutcome.TLS_ERROR);
        resolver.fail("gone.example.com", ProbeOutcome.DNS_ERROR);
        ObjectNode json = metadata();
        json.put("policy_uri", "https://gone.example.com/privacy");

        ProbeReport report = probe(json);

        assertThat(report.passed()).isFalse();
        assertThat(report.results()).extracting(ProbeResult::outcome).containsExactly(
                ProbeOutcome.REDIRECT, ProbeOutcome.NOT_FOUND, ProbeOutcome.TLS_ERROR, ProbeOutcome.OK, ProbeOutcome.DNS_ERROR);
        ProbeResult redirect = report.results().get(0);
        assertThat(redirect.location()).isEqualTo("https://elsewhere.example.com/?x");
        assertThat(redirect.description()).contains("HTTP 302").contains("https://elsewhere.example.com/?x")
                .contains("register the final URL");
        assertThat(report.results().get(2).httpStatus()).isNull();
        assertThat(report.results().get(2).addresses()).as("a failed fetch still reports what the name resolved to")
                .containsExactly("11.22.33.44");
        assertThat(report.results().get(4).addresses()).as("a name that did not resolve has none").isEmpty();
        assertThat(report.violations()).extracting(Violation::field, Violation::severity).containsExactly(
                tuple("/redirect_uris/0", Severity.ERROR), tuple("/client_uri", Severity.ERROR),
                tuple("/logo_uri", Severity.ERROR), tuple("/policy_uri", Severity.WARNING));
    }

    @Test
    void makesTermsAndPolicyFailuresErrorsWhenConfigured() {
        fetcher.page("https://app.example.com/terms", 500);

        ProbeReport lenient = prober(false).probe(ClientMetadata.of(metadata()));
        ProbeReport strict = prober(true).probe(ClientMetadata.of(metadata()));

        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.results().get(3).verdict()).isEqualTo(ProbeVerdict.WARNING);
        assertThat(strict.passed()).isFalse();
        assertThat(strict.results().get(3).verdict()).isEqualTo(ProbeVerdict.FAIL);
    }

    @Test
    void probesTheUrlsOfOneRegistrationConcurrently() {
        ObjectNode json = metadata();
        ArrayNode redirects = json.putArray("redirect_uris");
        for (int i = 0; i < 4; i++) {
            fetcher.page("https://app.example.com/cb" + i, 200);
            redirects.add("https://app.example.com/cb" + i);
        }
        fetcher.holdUntilInFlight(8);

        ProbeReport report = probe(json);

        assertThat(report.passed()).isTrue();
        assertThat(fetcher.peakInFlight.get()).as("all eight distinct URLs were in flight at once").isEqualTo(8);
        assertThat(fetcher.gateTimeouts.get()).as("none gave up waiting for the others").isZero();
    }

    @Test
    void probesAtMostTheLimitOfDistinctUrls() {
        ObjectNode json = metadata();
        ArrayNode redirects = json.putArray("redirect_uris");
        for (int i = 0; i < 20; i++) {
            fetcher.page("https://app.example.com/cb" + i, 200);
            redirects.add("https://app.example.com/cb" + i);
        }
        for (String lang : List.of("fr", "de", "es", "it", "nl", "pt")) {
            json.put("client_uri#" + lang, "https://app.example.com/" + lang);
            fetcher.page("https://app.example.com/" + lang, 200);
        }

        ProbeReport report = probe(json);

        assertThat(fetcher.requests).hasSize(25);
        assertThat(report.results()).filteredOn(r -> r.outcome() == ProbeOutcome.TOO_MANY_URLS)
                .extracting(ProbeResult::pointer)
                .as("tagged variants are cut before any required member")
                .containsExactly("/client_uri#de", "/client_uri#es", "/client_uri#it", "/client_uri#nl", "/client_uri#pt");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void refusesToProbeAHostBeyondItsRateAndSaysSo() {
        RegistrationProber prober = new RegistrationProber(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()),
                new ProbeSettings(LIMITS, false, CONTEXT), new HostLimiter(8, 3, Clock.systemUTC()), executor);

        ProbeReport report = prober.probe(ClientMetadata.of(metadata()));

        assertThat(fetcher.requests).hasSize(3);
        assertThat(report.results()).filteredOn(r -> r.outcome() == ProbeOutcome.RATE_LIMITED).hasSize(2)
                .allSatisfy(r -> assertThat(r.description()).contains("try again"));
    }

    @Test
    void feedsItsFindingsToThePolicyThroughTheContext() {
        fetcher.page("https://app.example.com/logo.png", 200, "image/svg+xml", "<svg/>".getBytes());
        ProbeReport report = probe(metadata());

        List<Violation> findings = report.violations();

        assertThat(findings).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("/logo_uri");
            assertThat(v.description()).contains("SVG is not accepted");
        });
        assertThat(CONTEXT.withProbeFindings(findings).probeFindings()).isEqualTo(findings);
    }
}
