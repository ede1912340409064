package health.registration.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.OfflineClients;
import health.registration.core.port.RefreshingSecret;
import health.registration.edge.Settings;
import health.registration.issuance.CertificateConfiguration;
import health.registration.issuance.IssuanceWiring;
import health.registration.testkit.PrimingEnvironment;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler as Lambda wires it ({@link CertificatesWiring}), over SDK clients that answer from memory, where the
 * CA's secret was never given a key: starting reads no secret, and the routes that sign answer 503 naming the setting
 * while the others keep working.
 */
class CertificatesHandlerWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CA_SECRET = "nowhere/developer-ca";

    private final OfflineClients clients = AwsClients.offline(payload -> payload);
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("certificates");

    @AfterEach
    void close() {
        clients.close();
    }

    private CertificatesHandler wired() {
        Map<String, String> environment = new HashMap<>(PrimingEnvironment.nowhere());
        // As the template gives it: the certificates function holds no client secrets.
        environment.remove(Settings.SECRET_PREFIX);
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_NAME, "developers");
        environment.put(CertificateConfiguration.CERTIFICATES_TABLE, "nowhere-certificates");
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET, CA_SECRET);
        environment.put(Settings.PROBE_FUNCTION_NAME, "nowhere-probe");
        return new CertificatesHandler(new CertificatesWiring(IssuanceWiring.from(new Settings(environment), clients)));
    }

    private JsonNode invoke(CertificatesHandler handler, String sample) throws IOException {
        ObjectNode event = SampleEvents.read(SampleEvents.folder().resolve("certificates-" + sample + ".json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void wiringTheHandlerReadsNoSecretAndSendsNoRequest() {
        wired();

        assertThat(clients.requests()).as("requests sent while wiring").isZero();
    }

    @Test
    void answers503NamingTheSettingWhenTheCaSecretHoldsNoKeyAndStillIssuesChallenges() throws Exception {
        CertificatesHandler handler = wired();

        JsonNode issue = invoke(handler, "issue");
        JsonNode crl = invoke(handler, "crl");
        JsonNode challenge = invoke(handler, "challenge");

        for (JsonNode answer : new JsonNode[] {issue, crl}) {
            assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(503);
            JsonNode body = JSON.readTree(answer.path("body").asText());
            assertThat(body.path("error").asText()).isEqualTo("temporarily_unavailable");
            assertThat(body.path("error_description").asText())
                    .contains(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET).doesNotContain(CA_SECRET);
        }
        assertThat(challenge.path("statusCode").asInt()).as("a challenge needs no key").isEqualTo(201);
        assertThat(lambda.loggedMessages()).filteredOn(line -> line.startsWith("ERROR not configured"))
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("CERTIFICATE_AUTHORITY_SECRET (" + CA_SECRET + ")"));
    }

    @Test
    void theScheduledRefreshFailsWithAnErrorLineNamingTheSecretOnEachPass() throws Exception {
        CertificatesHandler handler = wired();

        assertThatThrownBy(() -> invoke(handler, "refresh")).isInstanceOf(RefreshingSecret.SecretUnavailable.class);
        // The same instance fails the next pass the same way: nothing is left broken for the life of the container.
        assertThatThrownBy(() -> invoke(handler, "refresh")).isInstanceOf(RefreshingSecret.SecretUnavailable.class);

        assertThat(lambda.loggedMessages()).filteredOn(line -> line.startsWith("ERROR crl ca=developers"))
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("CERTIFICATE_AUTHORITY_SECRET (" + CA_SECRET + ")"));
    }
}
