package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The prober's {@code PROBE_*} test seams fail closed through {@code scripts/local-api}: with a seam set and
 * {@code PROBE_TEST_SEAMS} anything but {@code allowed}, no function starts (every route answers the runner's 502 for
 * a failed start), and the log names both variables.
 */
class ProbeTestSeamsIT {

    private static final Path MODULE = Path.of(System.getProperty("local.module.dir", System.getProperty("user.dir")))
            .toAbsolutePath();

    @Test
    void noFunctionStartsWithASeamUnlessTheGuardAllowsIt() throws Exception {
        try (LocalApiProcess api = LocalApiProcess.start(MODULE.resolve("../..").normalize(), Map.of(
                "MANUAL_REGISTRATION_URL", "https://manual-registration.example.com/apps",
                "PROBE_ALLOWED_CIDRS", "127.0.0.0/8",
                "PROBE_TEST_SEAMS", "refused"), MODULE.resolve("target/probe-seams-it/local-api.log"))) {

            HttpResponse<String> probe = api.post("probe", "application/json", "{\"redirect_uris\": [\"https://a.example.com/cb\"]}");
            HttpResponse<String> validate = api.post("validate", "application/json", "{}");
            HttpResponse<String> register = api.post("register", "application/json", "{}");

            assertThat(probe.statusCode()).as(probe.body()).isEqualTo(502);
            assertThat(validate.statusCode()).as(validate.body()).isEqualTo(502);
            assertThat(register.statusCode()).as(register.body()).isEqualTo(502);
            assertThat(api.stopAndReadOutput()).contains("PROBE_ALLOWED_CIDRS is a test seam")
                    .contains("PROBE_TEST_SEAMS=allowed");
        }
    }
}
