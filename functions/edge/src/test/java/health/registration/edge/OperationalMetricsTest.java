package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.model.UrlField;
import health.registration.core.reverify.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationalMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "c-7f3a9b1e5d";
    private static final String URL = "https://app.example.com/callback?token=x";

    private final List<String> lines = new ArrayList<>();
    private final OperationalMetrics metrics = new OperationalMetrics(
            new EmbeddedMetricFormat("TestNamespace", Clock.systemUTC()), lines::add);

    @Test
    void aRegistrationCountsByPathAndOutcome() {
        metrics.registration(RegistrationPath.OPEN, new RegistrationOutcome.Registered("{}", CLIENT_ID, false));
        metrics.registration(RegistrationPath.UDAP, new RegistrationOutcome.Modified("{}", CLIENT_ID));
        metrics.failed(RegistrationPath.MANUAL);

        assertThat(counts("Registrations")).containsExactly(
                Map.of("Path", "open", "Outcome", "registered"),
                Map.of("Path", "udap", "Outcome", "registered"),
                Map.of("Path", "manual", "Outcome", "failed"));
        assertThat(String.join("\n", lines)).doesNotContain(CLIENT_ID).contains("TestNamespace");
    }

    @Test
    void aReplayedRegistrationIsNoNewRegistration() {
        metrics.registration(RegistrationPath.OPEN, new RegistrationOutcome.Registered("{}", CLIENT_ID, true));
        metrics.registration(RegistrationPath.OPEN, new RegistrationOutcome.KeyInProgress());

        assertThat(lines).isEmpty();
    }

    @Test
    void aRefusalCountsOnceByErrorCodeAndOncePerRule() {
        RegistrationError error = RegistrationError.of(List.of(
                new Violation("/redirect_uris/0", RegistrationErrorCode.INVALID_REDIRECT_URI, "d", Severity.ERROR, "RedirectUriUsesHttps"),
                new Violation("/redirect_uris/1", RegistrationErrorCode.INVALID_REDIRECT_URI, "d", Severity.ERROR, "RedirectUriUsesHttps"),
                new Violation("/contacts/0", RegistrationErrorCode.INVALID_CLIENT_METADATA, "d", Severity.ERROR, "ContactIsEmailAddress")));

        metrics.registration(RegistrationPath.OPEN, new RegistrationOutcome.Refused(error));

        assertThat(counts("Registrations")).containsExactly(Map.of("Path", "open", "Outcome", "refused"));
        assertThat(counts("Refusals")).containsExactly(
                Map.of("ErrorCode", "invalid_redirect_uri"),
                Map.of("Rule", "RedirectUriUsesHttps"),
                Map.of("Rule", "ContactIsEmailAddress"));
    }

    @Test
    void aRefusalNoRuleFoundCountsAsTheRequestRule() {
        metrics.refused(RegistrationPath.OPEN, RegistrationError.single(
                Violation.malformed("", RegistrationErrorCode.INVALID_CLIENT_METADATA, "The body is not JSON.")));

        assertThat(counts("Refusals")).containsExactly(
                Map.of("ErrorCode", "invalid_client_metadata"), Map.of("Rule", OperationalMetrics.REQUEST_RULE));
    }

    @Test
    void aRateLimitRefusalNamesItsLimit() {
        metrics.rateLimited(OperationalMetrics.Limit.REGISTRATIONS_PER_SOURCE);

        assertThat(counts("RateLimitRefusals")).containsExactly(Map.of("Limit", "registrations_per_source"));
    }

    @Test
    void probesCountByKindAndOutcomeWithLatencyByKindAndNoUrl() {
        metrics.probed(new ProbeReport(List.of(
                result(UrlField.REDIRECT_URI, ProbeOutcome.OK, ProbeVerdict.PASS, 120),
                result(UrlField.TOS_URI, ProbeOutcome.NOT_FOUND, ProbeVerdict.WARNING, 80),
                result(UrlField.LOGO_URI, ProbeOutcome.NOT_AN_IMAGE, ProbeVerdict.FAIL, 95),
                result(UrlField.CLIENT_URI, ProbeOutcome.NOT_PUBLIC, ProbeVerdict.FAIL, 2),
                result(UrlField.POLICY_URI, ProbeOutcome.INVALID_URL, ProbeVerdict.FAIL, 0))));

        assertThat(counts("Probes")).containsExactly(
                Map.of("Kind", "redirect_uri", "Outcome", "passed"),
                Map.of("Kind", "tos_uri", "Outcome", "warned"),
                Map.of("Kind", "logo_uri", "Outcome", "failed"),
                Map.of("Kind", "client_uri", "Outcome", "refused"));
        assertThat(values("ProbeLatency")).containsExactly(120L, 80L, 95L, 2L);
        assertThat(String.join("\n", lines)).doesNotContain("example.com");
    }

    @Test
    void aRunReportsWhatItCheckedAndChanged() {
        metrics.reverificationChecked(new RunSummary("run-1", 10, 9, 6, 3, 1, 0, 0, 0, 0, 12, 12, 2, 1, 0, 0));

        JsonNode counts = documents().get(0);
        assertThat(counts.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(counts.path("ReverifyChecked").asLong()).isEqualTo(9);
        assertThat(counts.path("ReverifyPassed").asLong()).isEqualTo(6);
        assertThat(counts.path("ReverifyWarned").asLong()).isEqualTo(2);
        assertThat(counts.path("ReverifySuspended").asLong()).isEqualTo(1);
        assertThat(counts.path("ReverifyDeferred").asLong()).isEqualTo(1);
        assertThat(String.join("\n", lines)).doesNotContain("run-1");
    }

    @Test
    void aRunCountsByOutcomeWithItsDuration() {
        metrics.reverificationRun(true, Duration.ofMillis(4200));
        metrics.reverificationRun(false, Duration.ofSeconds(3));

        assertThat(counts("ReverifyRuns")).containsExactly(Map.of("Outcome", "completed"), Map.of("Outcome", "failed"));
        assertThat(values("ReverifyRunDuration")).containsExactly(4200L, 3000L);
    }

    @Test
    void crlHoursCountDownToNextUpdate() {
        Instant now = Instant.parse("2026-12-07T18:00:00Z");
        metrics.crlNextUpdate(now.plus(Duration.ofHours(36)).plusSeconds(1800), now);

        assertThat(documents().get(0).path("CrlHoursToNextUpdate").asDouble()).isEqualTo(36.5);
    }

    @Test
    void aSinkThatFailsNeverFailsTheCaller() {
        OperationalMetrics broken = new OperationalMetrics(new EmbeddedMetricFormat("N", Clock.systemUTC()),
                line -> { throw new IllegalStateException("closed"); });

        broken.certificateIssued();
    }

    private static ProbeResult result(UrlField field, ProbeOutcome outcome, ProbeVerdict verdict, long millis) {
        return new ProbeResult(field, "/" + field.member().name().toLowerCase(), URL, outcome, null, null, List.of(),
                millis, verdict, verdict == ProbeVerdict.PASS ? "" : "problem");
    }

    /** The dimensions of each line that counts {@code metric}, in order. */
    private List<Map<String, String>> counts(String metric) {
        List<Map<String, String>> found = new ArrayList<>();
        for (JsonNode document : documents()) {
            if (!document.has(metric)) {
                continue;
            }
            assertThat(document.path(metric).asLong()).isEqualTo(1);
            JsonNode sets = document.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions");
            assertThat(sets.size()).isEqualTo(1);
            Map<String, String> dimensions = new java.util.LinkedHashMap<>();
            sets.get(0).forEach(name -> dimensions.put(name.asText(), document.path(name.asText()).asText()));
            found.add(dimensions);
        }
        return found;
    }

    private List<Long> values(String metric) {
        return documents().stream().filter(d -> d.has(metric)).map(d -> d.path(metric).asLong()).toList();
    }

    private List<JsonNode> documents() {
        return lines.stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }).toList();
    }
}
