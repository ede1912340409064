package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlProbeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode overTheWire(JsonNode written) throws JsonProcessingException {
        return JSON.readTree(JSON.writeValueAsString(written));
    }

    @Test
    void readsBackTheTargetsItWrote() throws JsonProcessingException {
        List<ProbeTarget> targets = List.of(new ProbeTarget("https://app.example.com/cb", FetchPurpose.PAGE),
                new ProbeTarget("https://app.example.com/logo.png", FetchPurpose.IMAGE),
                new ProbeTarget("https://other.example.org/", FetchPurpose.PAGE));

        assertThat(UrlProbeJson.readTargets(overTheWire(UrlProbeJson.writeTargets(targets)))).isEqualTo(targets);
    }

    @Test
    void readsBackTheProbesItWrote() throws JsonProcessingException {
        List<UrlProbe> probes = List.of(
                new UrlProbe(new ProbeTarget("https://app.example.com/cb", FetchPurpose.PAGE), null, 400, null, null,
                        List.of("11.22.33.44", "2001:db8::1"), 120, null),
                new UrlProbe(new ProbeTarget("https://app.example.com/logo.png", FetchPurpose.IMAGE), null, 200, null,
                        ProbeOutcome.NOT_AN_IMAGE, List.of("11.22.33.44"), 80, null),
                new UrlProbe(new ProbeTarget("https://app.example.com/old", FetchPurpose.PAGE), null, 301,
                        "https://app.example.com/new", null, List.of("11.22.33.44"), 15, null),
                new UrlProbe(new ProbeTarget("https://busy.example.com/", FetchPurpose.PAGE), null, 429, null, null,
                        List.of("11.22.33.44"), 9, null, "Mon, 07 Dec 2026 10:05:00 GMT"),
                UrlProbe.failed(new ProbeTarget("https://private.example.com/", FetchPurpose.PAGE), ProbeOutcome.NOT_PUBLIC,
                        "a private-use address (RFC 1918)", List.of("10.0.0.7"), 2),
                UrlProbe.failed(new ProbeTarget("https://gone.example.com/", FetchPurpose.IMAGE), ProbeOutcome.DNS_ERROR,
                        null, List.of(), 2000));

        assertThat(UrlProbeJson.readProbes(overTheWire(UrlProbeJson.writeProbes(probes)))).isEqualTo(probes);
    }

    @Test
    void writesTheWireNamesTheProbeFunctionReads() {
        JsonNode written = UrlProbeJson.writeProbes(List.of(UrlProbe.failed(
                new ProbeTarget("https://app.example.com/x", FetchPurpose.IMAGE), ProbeOutcome.TIMEOUT, "slow", List.of(), 9)));

        JsonNode probe = written.path("probes").path(0);
        assertThat(probe.path("url").asText()).isEqualTo("https://app.example.com/x");
        assertThat(probe.path("purpose").asText()).isEqualTo("image");
        assertThat(probe.path("failure").asText()).isEqualTo("timeout");
        assertThat(probe.path("status").isNull()).isTrue();
        assertThat(probe.path("elapsed_ms").asLong()).isEqualTo(9);
        assertThat(UrlProbeJson.writeTargets(List.of(new ProbeTarget("https://a.example.com", FetchPurpose.PAGE))).toString())
                .isEqualTo("{\"targets\":[{\"url\":\"https://a.example.com\",\"purpose\":\"page\"}]}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{}",
        "[]",
        "{\"targets\": {}}",
        "{\"targets\": \"https://app.example.com\"}",
        "{\"targets\": [{\"purpose\": \"page\"}]}",
        "{\"targets\": [{\"url\": 5, \"purpose\": \"page\"}]}",
        "{\"targets\": [{\"url\": \"https://app.example.com\"}]}",
        "{\"targets\": [{\"url\": \"https://app.example.com\", \"purpose\": \"crl\"}]}",
        "{\"targets\": [{\"url\": \"https://app.example.com\", \"purpose\": \"PAGE\"}]}",
        "{\"targets\": [5]}",
    })
    void refusesMalformedTargets(String text) throws JsonProcessingException {
        JsonNode root = JSON.readTree(text);

        assertThatThrownBy(() -> UrlProbeJson.readTargets(root)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no probes array          | {}",
        "a root array             | []",
        "probes not an array      | {\"probes\": 3}",
        "neither failed nor answered | {\"probes\": [{\"url\": \"https://a.example.com\", \"purpose\": \"page\"}]}",
        "both failed and answered | {\"probes\": [{\"url\": \"https://a.example.com\", \"purpose\": \"page\", \"failure\": \"timeout\", \"status\": 200}]}",
        "a status as text         | {\"probes\": [{\"url\": \"https://a.example.com\", \"purpose\": \"page\", \"status\": \"200\"}]}",
        "an unknown failure       | {\"probes\": [{\"url\": \"https://a.example.com\", \"purpose\": \"page\", \"failure\": \"gremlins\"}]}",
        "an unknown image outcome | {\"probes\": [{\"url\": \"https://a.example.com\", \"purpose\": \"image\", \"status\": 200, \"image\": \"pretty\"}]}",
        "an unknown purpose       | {\"probes\": [{\"url\": \"https://a.example.com\", \"purpose\": \"crl\", \"status\": 200}]}",
        "no url                   | {\"probes\": [{\"purpose\": \"page\", \"status\": 200}]}",
        "a url that is no text    | {\"probes\": [{\"url\": 7, \"purpose\": \"page\", \"status\": 200}]}",
        "a probe that is no object | {\"probes\": [\"https://a.example.com\"]}",
    })
    void refusesMalformedProbes(String reason, String text) throws JsonProcessingException {
        JsonNode root = JSON.readTree(text);

        assertThatThrownBy(() -> UrlProbeJson.readProbes(root)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNothingAtAll() {
        assertThatThrownBy(() -> UrlProbeJson.readTargets(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UrlProbeJson.readProbes(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
