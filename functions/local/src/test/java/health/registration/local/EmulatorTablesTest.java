package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where tables may be created, without any emulator: the refusals never reach the network. */
class EmulatorTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5000", "http://127.0.0.2:5000/", "http://localhost:4566", "http://[::1]:5000",
            "https://127.0.0.1"})
    void acceptsAnEndpointOnALoopbackAddress(String endpoint) {
        assertThat(EmulatorTables.loopbackEndpoint(endpoint)).contains(URI.create(endpoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://dynamodb.us-east-1.amazonaws.com", "http://10.0.0.1:4566", "http://192.168.1.20",
            "http://0.0.0.0:5000", "127.0.0.1:5000", "ftp://127.0.0.1/", "not a url", ""})
    void refusesAnyOtherEndpoint(String endpoint) {
        assertThat(EmulatorTables.loopbackEndpoint(endpoint)).isEmpty();
    }

    @Test
    void createsNothingAndSaysSoWithoutAnEndpoint() throws IOException {
        assertThat(prepare(Map.of())).contains("AWS_ENDPOINT_URL is not set").contains("no tables were created");
    }

    @Test
    void createsNothingInAws() throws IOException {
        String log = prepare(Map.of("AWS_ENDPOINT_URL", "https://dynamodb.us-east-1.amazonaws.com",
                "CLIENTS_TABLE", "registration-clients-local", "CERTIFICATES_TABLE", "registration-certificates-local",
                "REQUEST_COUNTS_TABLE", "registration-request-counts-local"));
        assertThat(log).contains("is not on a loopback address").contains("never in AWS");
    }

    private static String prepare(Map<String, String> environment) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EmulatorTables.prepare(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE), environment,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8);
    }
}
