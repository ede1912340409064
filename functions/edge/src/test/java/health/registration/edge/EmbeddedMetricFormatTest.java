package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.edge.EmbeddedMetricFormat.Measure;
import health.registration.edge.EmbeddedMetricFormat.Unit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EmbeddedMetricFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");
    private final EmbeddedMetricFormat format =
            new EmbeddedMetricFormat("FhirClientRegistration", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aLineIsOneEmfDocumentWithItsDirectiveAndTopLevelValues() throws Exception {
        String line = format.line(List.of(List.of("Path", "Outcome")), Map.of("Path", "open", "Outcome", "refused"),
                List.of(new Measure("Registrations", Unit.COUNT, 1)));

        assertThat(line).doesNotContain("\n");
        JsonNode document = JSON.readTree(line);
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics");
        assertThat(directive.size()).isEqualTo(1);
        assertThat(directive.get(0).path("Namespace").asText()).isEqualTo("FhirClientRegistration");
        assertThat(directive.get(0).path("Dimensions").toString()).isEqualTo("[[\"Path\",\"Outcome\"]]");
        assertThat(directive.get(0).path("Metrics").toString()).isEqualTo("[{\"Name\":\"Registrations\",\"Unit\":\"Count\"}]");
        assertThat(document.path("Path").asText()).isEqualTo("open");
        assertThat(document.path("Outcome").asText()).isEqualTo("refused");
        assertThat(document.path("Registrations").isIntegralNumber()).isTrue();
        assertThat(document.path("Registrations").asLong()).isEqualTo(1);
    }

    @Test
    void aMetricWithoutDimensionsHasOneEmptyDimensionSet() throws Exception {
        JsonNode document = JSON.readTree(format.line(List.of(List.of()), Map.of(),
                List.of(new Measure("CrlHoursToNextUpdate", Unit.NONE, 12.5),
                        new Measure("ReverifyRunDuration", Unit.MILLISECONDS, 830))));

        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"CrlHoursToNextUpdate\",\"Unit\":\"None\"},"
                + "{\"Name\":\"ReverifyRunDuration\",\"Unit\":\"Milliseconds\"}]");
        assertThat(document.path("CrlHoursToNextUpdate").asDouble()).isEqualTo(12.5);
        assertThat(document.path("ReverifyRunDuration").asLong()).isEqualTo(830);
    }

    @Test
    void aDimensionNamedInASetMustHaveAValue() {
        assertThatThrownBy(() -> format.line(List.of(List.of("Kind")), Map.of(),
                List.of(new Measure("Probes", Unit.COUNT, 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // the closed sets the service writes pass unchanged
            "redirect_uri, redirect_uri",
            "RedirectUriUsesHttps, RedirectUriUsesHttps",
            "invalid_client_metadata, invalid_client_metadata",
            // a URL, a host with a port, a client id with spaces or slashes never become a dimension
            "https://app.example.com/cb, other",
            "app.example.com:8443, other",
            "client id, other",
            "a/b, other",
            // nor anything long enough to be an identifier of one client
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, other",
            "'', other"
    })
    void dimensionValuesAreBounded(String value, String written) throws Exception {
        JsonNode document = JSON.readTree(format.line(List.of(List.of("Kind")), Map.of("Kind", value),
                List.of(new Measure("Probes", Unit.COUNT, 1))));
        assertThat(document.path("Kind").asText()).isEqualTo(written);
    }
}
