package health.registration.local;

import static health.registration.local.ProbeFixtureServers.EXPIRED;
import static health.registration.local.ProbeFixtureServers.EXPIRED_HOST;
import static health.registration.local.ProbeFixtureServers.GOOD;
import static health.registration.local.ProbeFixtureServers.LOGO_HOST;
import static health.registration.local.ProbeFixtureServers.OK_HOST;
import static health.registration.local.ProbeFixtureServers.PRIVATE_HOST;
import static health.registration.local.ProbeFixtureServers.SLOW_HOST;
import static health.registration.local.ProbeFixtureServers.STATUS_HOST;
import static health.registration.local.ProbeMetadata.redirectUris;
import static health.registration.local.ProbeMetadata.registration;
import static health.registration.local.ProbeReports.assertOutcome;
import static health.registration.local.ProbeReports.assertRfc7591Error;
import static health.registration.local.ProbeReports.onlyResult;
import static health.registration.local.ProbeReports.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: {@code POST /probe} through {@code scripts/local-api} (the packaged jar, the real template and the real
 * probe handler), against HTTPS fixture sites on loopback addresses that only the {@code PROBE_*} test seams make
 * reachable. Every case asserts the wire report. Nothing but 127.0.0.x is contacted.
 */
class ProbeThroughLocalApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = ProbeMetadata.OK;

    private static ProbeFixtureServers sites;
    private static LocalApiProcess api;

    @BeforeAll
    static void start() throws Exception {
        Path module = Path.of(System.getProperty("local.module.dir", System.getProperty("user.dir"))).toAbsolutePath();
        Path work = module.resolve("target/probe-it");
        sites = ProbeFixtureServers.start(work);
        api = LocalApiProcess.start(module.resolve("../..").normalize(), Map.of(
                "MANUAL_REGISTRATION_URL", "https://manual-registration.example.com/apps",
                "PROBE_HOSTS_FILE", sites.hostsFile().toString(),
                "PROBE_TRUSTED_CA_FILE", sites.trustedCaFile().toString(),
                "PROBE_ALLOWED_CIDRS", sites.allowedCidrs(),
                // Far above the requests this class sends, counted in a table of its own so that they never count
                // against another user of the test command's emulator; AbuseLimitsIT tests the limit itself.
                "PROBES_PER_SOURCE_PER_HOUR", LocalDeployment.UNLIMITED,
                "PROBE_TEST_SEAMS", "allowed",
                "REQUEST_COUNTS_TABLE", "registration-request-counts-probe-it-" + java.util.UUID.randomUUID()),
                work.resolve("local-api.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    void servesPostProbeFromTheTemplate() {
        assertThat(api.banner()).contains("POST /probe");
    }

    @Test
    void passesARegistrationWhoseEveryUrlAnswersAsItsFieldRequires() throws Exception {
        JsonNode report = probe(registration());

        assertThat(report.path("passed").booleanValue()).as(report.toString()).isTrue();
        assertThat(report.path("results")).hasSize(5);
        for (JsonNode result : report.path("results")) {
            assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("ok");
            assertThat(result.path("verdict").asText()).isEqualTo("pass");
            assertThat(result.path("addresses").toString()).isEqualTo("[\"" + GOOD + "\"]");
            assertThat(result.path("location").isNull()).isTrue();
            assertThat(result.path("description").asText()).isEmpty();
        }
        // A callback called without parameters commonly answers 400 (policy section 5).
        assertThat(result(report, "/redirect_uris/0").path("status").asInt()).isEqualTo(400);
        assertThat(result(report, "/redirect_uris/0").path("member").asText()).isEqualTo("redirect_uris");
        assertThat(result(report, "/logo_uri").path("status").asInt()).isEqualTo(200);
        RecordedRequest seen = sites.site(GOOD).lastRequestFor("/page/home");
        assertThat(seen.getHeaders().get("Host")).isEqualTo(OK_HOST);
        assertThat(seen.getHeaders().get("User-Agent")).startsWith("FHIR-Client-Registration-URL-Probe/1.0");
    }

    @ParameterizedTest(name = "a redirect URI answering {0} is a redirect to where it points, not followed")
    @ValueSource(ints = {301, 302, 307, 308})
    void reportsRedirectsWithTheirLocationWithoutFollowingThem(int status) throws Exception {
        String url = "https://" + STATUS_HOST + "/status/" + status;
        JsonNode result = onlyResult(probe(redirectUris(url)));

        assertOutcome(result, "redirect", "fail", status);
        assertThat(result.path("location").asText()).isEqualTo(FixtureSite.movedTo(STATUS_HOST, status));
        assertThat(sites.site(GOOD).requestsFor("/page/moved-" + status)).isZero();
    }

    @ParameterizedTest(name = "{0} answering {1} gives {2} ({3})")
    @CsvSource({
        "redirect_uris, 404, not_found,    fail",
        "redirect_uris, 410, not_found,    fail",
        "redirect_uris, 400, ok,           pass", // a bare callback commonly answers 400
        "client_uri,    400, client_error, fail", // pages other than callbacks must answer 2xx
        "redirect_uris, 500, server_error, fail",
        "client_uri,    500, server_error, fail",
    })
    void judgesEachStatusByWhatItsMemberRequires(String member, int status, String outcome, String verdict) throws Exception {
        String url = "https://" + STATUS_HOST + "/status/" + status;
        JsonNode report = probe(member.equals("redirect_uris") ? redirectUris(url) : ProbeMetadata.member(member, url));

        assertOutcome(onlyResult(report), outcome, verdict, status);
        assertThat(report.path("passed").booleanValue()).isEqualTo(verdict.equals("pass"));
    }

    @Test
    void endsAnAnswerDrippedByteByByteAtTheWholeCallLimit() throws Exception {
        JsonNode result = onlyResult(probe(ProbeMetadata.member("client_uri", "https://" + SLOW_HOST + "/slow")));

        assertOutcome(result, "timeout", "fail", null);
        // The production limit is 10 s for the whole call; bytes come every 500 ms, so no read timeout fires first.
        assertThat(result.path("elapsed_ms").asLong()).isBetween(9_000L, 15_000L);
    }

    @ParameterizedTest(name = "logo {0} gives {1}")
    @CsvSource({
        "/logo/huge.png,         too_large",    // 5 MB declared in Content-Length: refused unread
        "/logo/huge-chunked.png, too_large",    // 5 MB chunked: read only up to the 1 MiB cap
        "/logo/png-as-html,      not_an_image", // PNG bytes served as text/html
        "/logo/logo.svg,         not_an_image", // SVG is never accepted
        "/logo/text.png,         not_an_image", // a text file named .png, served as image/png
    })
    void refusesALogoThatIsNotASmallImageOfItsDeclaredType(String path, String outcome) throws Exception {
        JsonNode result = onlyResult(probe(ProbeMetadata.member("logo_uri", "https://" + LOGO_HOST + path)));

        assertOutcome(result, outcome, "fail", 200);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "expired.example.com,   127.0.0.22, has expired",
        "wronghost.example.com, 127.0.0.23, is not valid for that name",
        "unknownca.example.com, 127.0.0.24, is not issued by a trusted authority",
    })
    void failsTheHandshakeWithACertificateTheProberMustNotAccept(String host, String address, String problem) throws Exception {
        JsonNode result = onlyResult(probe(ProbeMetadata.member("client_uri", "https://" + host + "/page/home")));

        assertOutcome(result, "tls_error", "fail", null);
        assertThat(result.path("description").asText()).contains(problem);
        assertThat(result.path("addresses").get(0).asText()).as("what the name resolved to").isEqualTo(address);
        assertThat(sites.site(address).requests()).as("requests past the failed handshake").isZero();
    }

    @Test
    void warnsButStillPassesWhenOnlyTheTermsAndPolicyPagesFail() throws Exception {
        ObjectNode metadata = registration().put("tos_uri", OK + "/status/404")
                .put("policy_uri", "https://" + EXPIRED_HOST + "/page/privacy");
        JsonNode report = probe(metadata);

        assertThat(report.path("passed").booleanValue()).as(report.toString()).isTrue();
        assertOutcome(result(report, "/tos_uri"), "not_found", "warning", 404);
        assertOutcome(result(report, "/policy_uri"), "tls_error", "warning", null);
        for (String passing : new String[] {"/redirect_uris/0", "/client_uri", "/logo_uri"}) {
            assertThat(result(report, passing).path("verdict").asText()).isEqualTo("pass");
        }
        assertThat(sites.site(EXPIRED).requests()).isZero();
    }

    @Test
    void fetchesAUrlThatSeveralMembersNameOnlyOnce() throws Exception {
        String shared = OK + "/page/shared-by-three-members";
        JsonNode report = probe(registration().put("client_uri", shared).put("tos_uri", shared).put("policy_uri", shared));

        assertThat(report.path("passed").booleanValue()).as(report.toString()).isTrue();
        for (String pointer : new String[] {"/client_uri", "/tos_uri", "/policy_uri"}) {
            assertOutcome(result(report, pointer), "ok", "pass", 200);
        }
        assertThat(sites.site(GOOD).requestsFor("/page/shared-by-three-members")).isEqualTo(1);
    }

    @Test
    void refusesANameThatResolvesToLoopbackWithoutConnectingAnywhere() throws Exception {
        int before = sites.totalRequests();
        JsonNode report = probe(redirectUris("https://" + PRIVATE_HOST + "/callback")
                .put("client_uri", "https://" + PRIVATE_HOST + "/page/home"));

        assertThat(report.path("passed").booleanValue()).isFalse();
        for (JsonNode result : report.path("results")) {
            assertOutcome(result, "not_public", "fail", null);
            assertThat(result.path("addresses").toString()).isEqualTo("[\"127.0.0.1\"]");
        }
        assertThat(sites.totalRequests()).as("requests to any fixture site").isEqualTo(before);
        assertThat(sites.loopbackAccepts()).as("connections to 127.0.0.1:443").isZero();
    }

    @Test
    void marksLoopbackAndIpLiteralRedirectUrisInvalidWithoutProbingThem() throws Exception {
        int before = sites.totalRequests();
        JsonNode report = probe(redirectUris("https://127.0.0.1/cb", "https://localhost/cb"));

        assertThat(report.path("results")).hasSize(2);
        for (JsonNode result : report.path("results")) {
            assertOutcome(result, "invalid_url", "fail", null);
            assertThat(result.path("description").asText()).contains("was not probed");
            assertThat(result.path("addresses")).isEmpty();
        }
        assertThat(sites.totalRequests()).isEqualTo(before);
        assertThat(sites.loopbackAccepts()).isZero();
    }

    @Test
    void refusesABodyNotDeclaredAsJsonWith415() throws Exception {
        HttpResponse<String> response = api.post("/probe", "text/plain", "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertRfc7591Error(JSON.readTree(response.body()), "application/json");
    }

    @Test
    void refusesAJsonArrayWith400AndTheRfc7591Error() throws Exception {
        HttpResponse<String> response = api.post("/probe", "application/json", "[]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertRfc7591Error(JSON.readTree(response.body()), "JSON object");
    }

    private static JsonNode probe(ObjectNode metadata) throws Exception {
        HttpResponse<String> response = api.post("/probe", "application/json", JSON.writeValueAsString(metadata));
        assertThat(response.statusCode()).as("POST /probe answered %s; local-api output:%n%s", response.body(),
                api.output()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
