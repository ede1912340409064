package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, the metrics of docs/operations/metrics.md through {@code scripts/local-api}: the register handler and
 * the in-process prober write CloudWatch Embedded Metric Format lines to standard output, as they do to the function's
 * log stream in Lambda. A refused and a successful registration each leave the lines their outcome calls for, and
 * no line names a client id, URL or host. Fixture sites on 127.0.0.181 only.
 */
class MetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "FhirClientRegistrationIT";

    private static LocalRegistrationService service;

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("metrics-it", "127.0.0.181", "metrics", 4,
                Map.of("METRICS_NAMESPACE", NAMESPACE));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aRefusedRegistrationCountsItsPathErrorCodeAndRule() throws Exception {
        String host = service.sites().nextHost();
        int before = metricLines().size();

        RegistrationClient.Exchange refused = service.client().register(
                RegistrationMetadata.withUrl(host, "redirect_uris", "http://{host}/callback"));

        assertThat(refused.status()).as(refused.http().getBody()).isEqualTo(400);
        List<JsonNode> lines = awaitLines(before, "Registrations", "Rule");
        assertThat(counted(lines, "Registrations")).contains(Map.of("Path", "open", "Outcome", "refused"));
        assertThat(counted(lines, "Refusals")).contains(
                Map.of("ErrorCode", "invalid_redirect_uri"), Map.of("Rule", "RedirectUriUsesHttps"));
        assertThat(lines.toString()).doesNotContain(host, "example.com", "callback");
    }

    @Test
    void aRegistrationCountsAsRegisteredWithEveryProbeByKind() throws Exception {
        String host = service.sites().nextHost();
        int before = metricLines().size();

        RegistrationClient.Exchange created = service.client().register(RegistrationMetadata.hostedOn(host));

        assertThat(created.status()).as(created.http().getBody()).isEqualTo(201);
        ClientInformation information = created.information();
        // The probes' lines are written while probing, the registration's after its answer: await both kinds.
        List<JsonNode> lines = awaitLines(before, "Registrations", "Probes", "ProbeLatency");
        assertThat(counted(lines, "Registrations")).contains(Map.of("Path", "open", "Outcome", "registered"));
        assertThat(counted(lines, "Probes")).contains(
                Map.of("Kind", "redirect_uri", "Outcome", "passed"),
                Map.of("Kind", "logo_uri", "Outcome", "passed"),
                Map.of("Kind", "tos_uri", "Outcome", "passed"));
        assertThat(lines).anySatisfy(line -> assertThat(line.path("ProbeLatency").isNumber()).isTrue());
        assertThat(lines.toString()).doesNotContain(information.getID().getValue(), information.getSecret().getValue(),
                host, "example.com");
    }

    @Test
    void everyLineIsAnEmfDocumentInTheConfiguredNamespace() throws Exception {
        service.client().register(RegistrationMetadata.hostedOn(service.sites().nextHost()));

        List<JsonNode> lines = metricLines();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(line.path("_aws").path("Timestamp").asLong())
                    .isBetween(Instant.now().minus(Duration.ofHours(1)).toEpochMilli(), Instant.now().toEpochMilli());
            assertThat(directive.path("Namespace").asText()).isEqualTo(NAMESPACE);
            directive.path("Metrics").forEach(metric -> assertThat(line.path(metric.path("Name").asText()).isNumber()).isTrue());
            directive.path("Dimensions").forEach(set -> set.forEach(name ->
                    assertThat(line.path(name.asText()).asText()).matches("[A-Za-z0-9_.-]{1,64}")));
        });
    }

    /** The metric lines written after the first {@code before}, once each member of {@code awaited} is in one of them. */
    private static List<JsonNode> awaitLines(int before, String... awaited) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            List<JsonNode> lines = metricLines();
            List<JsonNode> since = lines.subList(Math.min(before, lines.size()), lines.size());
            if (Arrays.stream(awaited).allMatch(member -> since.stream().anyMatch(line -> line.has(member)))
                    || Instant.now().isAfter(deadline)) {
                return since;
            }
            Thread.sleep(50);
        }
    }

    /** The dimensions of every line in {@code lines} that counts {@code metric}. */
    private static List<Map<String, String>> counted(List<JsonNode> lines, String metric) {
        return lines.stream().filter(line -> line.has(metric)).map(line -> {
            Map<String, String> dimensions = new LinkedHashMap<>();
            line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0)
                    .forEach(name -> dimensions.put(name.asText(), line.path(name.asText()).asText()));
            return dimensions;
        }).toList();
    }

    /** Every line of the local API's output that is an EMF document. */
    private static List<JsonNode> metricLines() {
        return service.api().output().lines().filter(line -> line.startsWith("{\"_aws\"")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }).toList();
    }
}
