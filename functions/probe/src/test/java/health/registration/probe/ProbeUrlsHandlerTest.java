package health.registration.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.probe.UrlProbe;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProbeUrlsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode API_EVENT = SampleEvents.read(SampleEvents.folder().resolve("probe-api.json"));
    private static final ObjectNode INVOKE_EVENT = SampleEvents.read(SampleEvents.folder().resolve("probe-invoke.json"));

    /** Answers every URL as hosted, except paths containing "broken", which answer 404; records what it probed. */
    private static final class InMemoryUrlProber implements UrlProber {
        final List<ClientMetadata> probed = new CopyOnWriteArrayList<>();

        @Override
        public ProbeReport probe(ClientMetadata metadata) {
            probed.add(metadata);
            return new ProbeReport(metadata.urls().stream().map(InMemoryUrlProber::result).toList());
        }

        @Override
        public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
            return targets.stream().map(t -> t.url().contains("broken")
                    ? new UrlProbe(t, null, 404, null, null, List.of("11.22.33.44"), 5, null)
                    : new UrlProbe(t, null, 200, null, t.purpose() == FetchPurpose.IMAGE ? ProbeOutcome.OK : null,
                            List.of("11.22.33.44"), 5, null)).toList();
        }

        private static ProbeResult result(UrlMember member) {
            boolean broken = member.text().contains("broken");
            return new ProbeResult(member.field(), member.pointer(), member.text(),
                    broken ? ProbeOutcome.NOT_FOUND : ProbeOutcome.OK, broken ? 404 : 200, null, List.of("11.22.33.44"), 5,
                    broken ? ProbeVerdict.FAIL : ProbeVerdict.PASS, broken ? member.name() + " answered HTTP 404" : "");
        }
    }

    private static final String CHALLENGE_URL =
            "https://app.example.com/.well-known/udap-certificate-challenge/bm90LWEtcmVhbC10b2tlbi1idXQtNDMtY2hhcnMtbG9uZw";
    /** What the fixture sites serve at challenge URLs (the guard itself is tested with ProbedChallengeSite). */
    private static final Map<String, java.util.Optional<String>> CHALLENGES = Map.of(
            CHALLENGE_URL, java.util.Optional.of("the-served-token\n"));

    /** A self-signed CA certificate (P-256) that the issuer URL below serves. */
    private static final String ISSUER_DER = "MIIBlTCCATugAwIBAgIUTJsCCYsf4HJbShep+z8CMqBMuPMwCgYIKoZIzj0EAwIwHzEdMBsGA1UEAwwU"
            + "UHJvYmUgVGVzdCBJc3N1ZXIgQ0EwIBcNMjYxMjA3MTU0NjMyWhgPMjEyNjExMTMxNTQ2MzJaMB8xHTAbBgNVBAMMFFByb2JlIFRlc3QgSXNz"
            + "dWVyIENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwK9AzTbLQWGvS3sXfUKr+4sfsh/gCVQLrOIqHGAn5MTgNCdMA0rDIdkILuUuAY4p"
            + "NjjxzLxIIRdBnVKEVdbEj6NTMFEwHQYDVR0OBBYEFJt+V8aTjapHFPSg3MfHNhrPLSf1MB8GA1UdIwQYMBaAFJt+V8aTjapHFPSg3MfHNhrP"
            + "LSf1MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhALJELcDsaOcCgqpnJLLZVWTW8KPkGxIevMWMDH3AWPllAiBNfhEBahPN"
            + "xEvOKng0dCB5tGBu2X+OIzFsGliCH3AfXw==";
    private static final String ISSUER_URL = "http://ca.example.com/issuer.cer";

    private final InMemoryUrlProber prober = new InMemoryUrlProber();
    private final ProbeUrlsHandler handler =
            new ProbeUrlsHandler(prober, url -> java.util.Optional.empty(), url -> CHALLENGES.getOrDefault(url, java.util.Optional.empty()),
                    new PolicyContext(URI.create("https://manual.example.org/register")),
                    url -> url.toString().equals(ISSUER_URL) ? List.of(issuer()) : List.of());

    private static X509Certificate issuer() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ISSUER_DER)));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("probe");

    private JsonNode invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return JSON.readTree(out.toByteArray());
    }

    private JsonNode body(JsonNode response) throws IOException {
        return JSON.readTree(response.path("body").asText());
    }

    @Test
    void answersTheSampleApiEventWithAReportOfEveryUrl() throws IOException {
        JsonNode response = invoke(API_EVENT);
        JsonNode report = body(response);

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("results").findValuesAsText("field"))
                .containsExactly("/redirect_uris/0", "/client_uri", "/logo_uri", "/tos_uri", "/policy_uri");
        assertThat(report.path("results").get(0).path("outcome").asText()).isEqualTo("ok");
        assertThat(report.path("results").get(0).path("addresses").get(0).asText()).isEqualTo("11.22.33.44");
    }

    @Test
    void answersTheSampleDirectInvocationWithTheReportAlone() throws IOException {
        JsonNode report = invoke(INVOKE_EVENT);

        assertThat(report.has("statusCode")).isFalse();
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("results")).hasSize(5);
        assertThat(prober.probed).hasSize(1);
    }

    @Test
    void reportsFailuresWithoutRefusingTheRequest() throws IOException {
        ObjectNode metadata = (ObjectNode) INVOKE_EVENT.get("metadata").deepCopy();
        metadata.put("logo_uri", "https://app.example.com/broken.png");

        JsonNode report = body(invoke(SampleEvents.withBody(API_EVENT, metadata.toString(), Map.of())));

        assertThat(report.path("passed").asBoolean()).isFalse();
        assertThat(report.path("results").get(2).path("outcome").asText()).isEqualTo("not_found");
        assertThat(report.path("results").get(2).path("verdict").asText()).isEqualTo("fail");
    }

    @Test
    void refusesBodiesThatCannotBeReadAsMetadataWithoutProbing() throws IOException {
        JsonNode textPlain = invoke(SampleEvents.withBody(API_EVENT, "{}", Map.of("Content-Type", "text/plain")));
        JsonNode array = invoke(SampleEvents.withBody(API_EVENT, "[]", Map.of()));
        JsonNode wrongType = invoke(SampleEvents.withBody(API_EVENT, "{\"redirect_uris\": \"https://app.example.com/cb\"}", Map.of()));

        assertThat(textPlain.path("statusCode").asInt()).isEqualTo(415);
        assertThat(array.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(array).path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(wrongType.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(wrongType).path("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(prober.probed).isEmpty();
    }

    @Test
    void answersAChallengeInvocationWithTheBodyServedThereWithoutLoggingEither() throws IOException {
        JsonNode served = invoke(JSON.createObjectNode().put("challenge_url", CHALLENGE_URL));
        JsonNode missing = invoke(JSON.createObjectNode().put("challenge_url", "https://other.example.com/.well-known/x"));

        assertThat(served.path("challenge").asText()).isEqualTo("the-served-token\n");
        assertThat(missing.path("error").asText()).isEqualTo("challenge_unavailable");
        assertThat(missing.has("challenge")).isFalse();
        assertThat(String.join("", lambda.loggedLines())).doesNotContain("the-served-token", "bm90LWEtcmVhbC", "other.example.com");
    }

    @Test
    void answersAnIssuerInvocationWithTheCertificatesServedThereAsBase64Der() throws IOException {
        JsonNode served = invoke(JSON.createObjectNode().put("issuer_url", ISSUER_URL));
        JsonNode missing = invoke(JSON.createObjectNode().put("issuer_url", "http://ca.example.com/missing.cer"));
        JsonNode notAUrl = invoke(JSON.createObjectNode().put("issuer_url", "not a url"));

        assertThat(served.path("certificates")).hasSize(1);
        assertThat(served.path("certificates").get(0).asText()).isEqualTo(ISSUER_DER);
        assertThat(missing.path("error").asText()).isEqualTo("issuer_unavailable");
        assertThat(notAUrl.path("error").asText()).isEqualTo("issuer_unavailable");
        assertThat(missing.has("certificates")).isFalse();
        assertThat(String.join("", lambda.loggedLines())).doesNotContain("ca.example.com");
    }

    @Test
    void answersADirectInvocationWithoutMetadataWithAnError() throws IOException {
        JsonNode answer = invoke((ObjectNode) JSON.readTree("{\"something\": 1}"));

        assertThat(answer.path("error").asText()).isEqualTo("invalid_request");
        assertThat(prober.probed).isEmpty();
    }

    @Test
    void logsCountsAndOutcomesButNeverTheUrls() throws IOException {
        ObjectNode metadata = (ObjectNode) INVOKE_EVENT.get("metadata").deepCopy();
        metadata.putArray("redirect_uris").add("https://app.example.com/cb?token=s3cr3t-value");

        invoke(SampleEvents.withBody(API_EVENT, metadata.toString(), Map.of()));

        String logged = String.join("", lambda.loggedLines());
        assertThat(logged).contains("urls=5").contains("outcomes=ok");
        assertThat(logged).doesNotContain("s3cr3t").doesNotContain("app.example.com");
        assertThat(new String(SampleEvents.bytes(API_EVENT), StandardCharsets.UTF_8)).contains("app.example.com");
    }

    @Test
    void logsTheCallersRequestIdOfADirectInvocationBesideItsOwn() throws IOException {
        ObjectNode event = INVOKE_EVENT.deepCopy().put(ProbeInvocation.CALLER_REQUEST_ID, "api-req-7");

        invoke(event);

        assertThat(lambda.loggedJson()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("callerRequestId").asText()).isEqualTo("api-req-7");
            assertThat(line.path("AWSRequestId").asText()).isEqualTo(lambda.getAwsRequestId());
            assertThat(line.path("function").asText()).isEqualTo("probe");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
        });
    }
}
