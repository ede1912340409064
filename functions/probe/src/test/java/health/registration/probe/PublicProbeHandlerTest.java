package health.registration.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.limit.SourceQuota;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.UrlProber;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PublicProbeHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode API_EVENT = SampleEvents.read(SampleEvents.folder().resolve("probe-api.json"));
    private static final ObjectNode INVOKE_EVENT = SampleEvents.read(SampleEvents.folder().resolve("probe-invoke.json"));

    /** Passes every URL; records what it probed. */
    private static final class PassingProber implements UrlProber {
        final List<ClientMetadata> probed = new CopyOnWriteArrayList<>();

        @Override
        public ProbeReport probe(ClientMetadata metadata) {
            probed.add(metadata);
            return new ProbeReport(metadata.urls().stream().map(m -> new ProbeResult(m.field(), m.pointer(), m.text(),
                    ProbeOutcome.OK, 200, null, List.of("203.0.113.20"), 5, ProbeVerdict.PASS, "")).toList());
        }

        @Override
        public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
            throw new AssertionError("the public probe function takes no direct invocation");
        }
    }

    private final PassingProber prober = new PassingProber();
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final PublicProbeHandler handler = new PublicProbeHandler(prober,
            new PolicyContext(URI.create("https://manual.example.org/register")),
            new SourceQuota("probe", (counter, limit, windowEnd) -> counts.merge(counter, 1L, Long::sum) <= limit, 2,
                    Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC)));
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("public-probe");

    private JsonNode invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void probesTheSampleEventsUrls() throws IOException {
        JsonNode response = invoke(API_EVENT);

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(response.path("body").asText()).path("passed").asBoolean()).isTrue();
        assertThat(prober.probed).hasSize(1);
    }

    @Test
    void refusesASourcePastItsHourlyLimitWith429RetryAfterAndProbesNothing() throws IOException {
        invoke(API_EVENT);
        invoke(API_EVENT);

        JsonNode third = invoke(API_EVENT);

        assertThat(third.path("statusCode").asInt()).isEqualTo(429);
        assertThat(third.path("headers").path("Retry-After").asText()).isEqualTo("1800");
        JsonNode body = JSON.readTree(third.path("body").asText());
        assertThat(body.path("error").asText()).isEqualTo("rate_limited");
        assertThat(body.path("error_description").asText()).contains("2 probe requests this hour");
        assertThat(body.path("errors")).hasSize(1);
        assertThat(prober.probed).hasSize(2);
        assertThat(counts).containsOnlyKeys("probe#203.0.113.10#" + Instant.parse("2026-11-28T20:00:00Z").getEpochSecond());
    }

    @Test
    void refusesADirectInvocationWhichIsTheProbeFunctionsAlone() throws IOException {
        JsonNode answer = invoke(INVOKE_EVENT);

        assertThat(answer.path("error").asText()).isEqualTo("invalid_request");
        assertThat(answer.has("results")).isFalse();
        assertThat(prober.probed).isEmpty();
        assertThat(counts).isEmpty();
    }
}
