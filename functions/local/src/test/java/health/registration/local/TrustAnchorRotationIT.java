package health.registration.local;

import static health.registration.local.UdapAnswers.assertRefused;
import static health.registration.local.UdapClient.Grant.CLIENT_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the trust anchors are a secret read after restore and re-read on a schedule, so distrusting a community
 * takes effect in a warm function, without a new version. The local API runs with its anchors in a file (as locally)
 * and {@code SECRETS_REFRESH_SECONDS=1}. Its register function is warm from the first request on and the runner keeps
 * its containers for good, giving sequential requests the most recently freed one (functions/local/README.md,
 * "Concurrency"): every request below meets the same handler instance. Only 127.0.0.67 is contacted.
 */
class TrustAnchorRotationIT {

    private static final long REFRESH_MILLIS = 1_000;

    private static LocalUdapService service;
    private static UdapClients clients;

    @BeforeAll
    static void start() throws Exception {
        service = LocalUdapService.start("trust-anchor-rotation-it", "127.0.0.67", 6,
                (work, publicBaseUrl, pki) -> Map.of("SECRETS_REFRESH_SECONDS", Long.toString(REFRESH_MILLIS / 1000)));
        clients = new UdapClients(service.pki(), service.sites());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void refusesADistrustedCommunityAfterTheRefreshAndTrustsItAgainWhenItIsBack() throws Exception {
        String anchors = Files.readString(service.trustAnchorsFile(), StandardCharsets.UTF_8);
        assertThat(register().statusCode()).as("a client of the trusted community").isEqualTo(201);

        Files.writeString(service.trustAnchorsFile(), "# the community is distrusted\n", StandardCharsets.UTF_8);
        Thread.sleep(REFRESH_MILLIS + 500);
        JsonNode refusal = assertRefused(register(), "unapproved_software_statement");
        assertThat(refusal.path("error_description").asText()).contains("no trust community");

        Files.writeString(service.trustAnchorsFile(), anchors, StandardCharsets.UTF_8);
        Thread.sleep(REFRESH_MILLIS + 500);
        assertThat(register().statusCode()).as("the community trusted again").isEqualTo(201);
    }

    /** A new client of the test community registers with a fresh statement. */
    private static HttpResponse<String> register() throws Exception {
        UdapClient client = clients.rsa();
        return service.register(UdapClient.body(client.sign(client.claims(CLIENT_CREDENTIALS,
                service.registrationEndpoint()))));
    }
}
