package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.model.UrlField;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeReportJsonTest {

    private static final ProbeReport REPORT = new ProbeReport(List.of(
            new ProbeResult(UrlField.REDIRECT_URI, "/redirect_uris/0", "https://app.example.com/cb", ProbeOutcome.OK, 400,
                    null, List.of("11.22.33.44", "2a0f::1"), 120, ProbeVerdict.PASS, ""),
            new ProbeResult(UrlField.LOGO_URI, "/logo_uri#fr", "https://app.example.com/l.png", ProbeOutcome.REDIRECT, 302,
                    "https://cdn.example.com/l.png", List.of("11.22.33.44"), 80, ProbeVerdict.FAIL, "logo_uri#fr redirects"),
            new ProbeResult(UrlField.TOS_URI, "/tos_uri", "https://app.example.com/t", ProbeOutcome.TIMEOUT, null,
                    null, List.of(), 10000, ProbeVerdict.WARNING, "tos_uri did not answer")));

    @Test
    void writesAndReadsBackTheSameReport() throws Exception {
        String wire = new ObjectMapper().writeValueAsString(ProbeReportJson.write(REPORT));

        ProbeReport read = ProbeReportJson.read(new ObjectMapper().readTree(wire));

        assertThat(read).isEqualTo(REPORT);
    }

    @Test
    void writesTheWireNames() {
        var json = ProbeReportJson.write(REPORT);

        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("results").get(1).path("field").asText()).isEqualTo("/logo_uri#fr");
        assertThat(json.path("results").get(1).path("member").asText()).isEqualTo("logo_uri");
        assertThat(json.path("results").get(1).path("outcome").asText()).isEqualTo("redirect");
        assertThat(json.path("results").get(1).path("verdict").asText()).isEqualTo("fail");
        assertThat(json.path("results").get(2).path("status").isNull()).isTrue();
        assertThat(json.path("results").get(0).path("elapsed_ms").asLong()).isEqualTo(120);
    }

    @Test
    void refusesWhatIsNotAReport() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> ProbeReportJson.read(json.readTree("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeReportJson.read(json.readTree(
                "{\"results\":[{\"field\":\"/client_name\",\"outcome\":\"ok\",\"verdict\":\"pass\"}]}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeReportJson.read(json.readTree(
                "{\"results\":[{\"field\":\"/client_uri\",\"outcome\":\"bogus\",\"verdict\":\"pass\"}]}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeReportJson.read(json.readTree(
                "{\"results\":[{\"field\":\"/no_such_member\",\"outcome\":\"ok\",\"verdict\":\"pass\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a URL member");
    }
}
