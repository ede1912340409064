package health.registration.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegisteredClients;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManageClientHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode READ = SampleEvents.read(SampleEvents.folder().resolve("manage-read.json"));
    private static final ObjectNode UPDATE = SampleEvents.read(SampleEvents.folder().resolve("manage-update.json"));
    private static final ObjectNode DELETE = SampleEvents.read(SampleEvents.folder().resolve("manage-delete.json"));

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T21:00:00Z"));
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final FailingClientStore clients = new FailingClientStore(new InMemoryClientStore());
    private final IssuanceSettings settings = IssuanceSettings.of(URI.create("https://registration.example.com"), Duration.ZERO);
    private final RegistrationReview review = new RegistrationReview(Policies.openDynamicRegistration(),
            new PolicyContext(URI.create("https://manual.example.org/register")), new InMemoryUrlProber());
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("manage");
    private final ManageClientHandler handler = new ManageClientHandler(new RegisteredClients(review,
            new ClientStores(clients, secrets), new SecureRandomIdSource(), clock, settings));
    private JsonNode registered;

    /** The proxy response: status, headers and the raw body. */
    private record Answer(int status, JsonNode headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @BeforeEach
    void registerAClient() throws IOException {
        ClientRegistrar registrar = new ClientRegistrar(review, new ClientStores(clients, secrets), new SecureRandomIdSource(), clock, settings);
        ObjectNode metadata = (ObjectNode) JSON.readTree(SampleEvents.read(SampleEvents.folder().resolve("register.json")).path("body").asText());
        registered = JSON.readTree(((RegistrationOutcome.Registered) registrar.register(ClientMetadata.of(metadata))).answer());
    }

    private Answer invoke(ObjectNode sample, String clientId, String token) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectNode event = SampleEvents.forClient(sample, clientId, token);
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        return new Answer(response.path("statusCode").asInt(), response.path("headers"), response.path("body").asText());
    }

    private String clientId() {
        return registered.path("client_id").asText();
    }

    private String token() {
        return registered.path("registration_access_token").asText();
    }

    @Test
    void readsTheClientForTheBearerOfItsTokenWithANewTokenButWithoutItsSecret() throws IOException {
        Answer answer = invoke(READ, clientId(), token());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().path("Cache-Control").asText()).isEqualTo("no-store");
        assertThat(answer.json().path("client_id").asText()).isEqualTo(clientId());
        assertThat(answer.json().path("client_name").asText()).isEqualTo("Example Health App");
        assertThat(answer.json().has("client_secret")).isFalse();
        // RFC 7592 §3: the read answers a registration access token, a new one; the one read with still works.
        String rotated = answer.json().path("registration_access_token").asText();
        assertThat(rotated).isNotBlank().isNotEqualTo(token());
        assertThat(answer.json().path("registration_client_uri").asText()).endsWith("/register/" + clientId());
        assertThat(invoke(READ, clientId(), rotated).status()).as("the new token").isEqualTo(200);
    }

    @Test
    void updatesTheClientRotatingTheTokenAndKeepingTheSecret() throws IOException {
        String secret = secrets.read(new health.registration.core.issue.ClientId(clientId())).orElseThrow().value();

        Answer answer = invoke(UPDATE, clientId(), token());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("client_name").asText()).isEqualTo("Example Health App 2");
        String rotated = answer.json().path("registration_access_token").asText();
        assertThat(rotated).isNotBlank().isNotEqualTo(token());
        assertThat(invoke(READ, clientId(), token()).status()).as("the old token").isEqualTo(401);
        assertThat(invoke(READ, clientId(), rotated).status()).as("the new token").isEqualTo(200);
        assertThat(secrets.read(new health.registration.core.issue.ClientId(clientId())).orElseThrow().value()).isEqualTo(secret);
    }

    @Test
    void deletesTheClientAnswering204AndThenKnowsItNoMore() throws IOException {
        Answer answer = invoke(DELETE, clientId(), token());

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(secrets.scheduled()).isNotEmpty();
        assertThat(invoke(READ, clientId(), token()).status()).isEqualTo(401);
    }

    @Test
    void answersAWrongTokenAndAnUnknownClientAlikeWith401() throws IOException {
        Answer wrongToken = invoke(READ, clientId(), SampleEvents.SAMPLE_TOKEN);
        Answer unknownClient = invoke(READ, SampleEvents.SAMPLE_CLIENT_ID, token());

        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(unknownClient.status()).isEqualTo(401);
        assertThat(wrongToken.body()).isEqualTo(unknownClient.body());
        assertThat(wrongToken.headers().path("WWW-Authenticate").asText()).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(unknownClient.headers().path("WWW-Authenticate").asText()).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void answersAMissingTokenWith401AndAPlainBearerChallenge() throws IOException {
        ObjectNode noAuthorization = SampleEvents.withBody(READ, null, java.util.Collections.singletonMap("Authorization", null));

        Answer answer = invoke(noAuthorization, clientId(), token());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().path("WWW-Authenticate").asText()).isEqualTo("Bearer");
        assertThat(answer.body()).as("no token to call invalid").contains("\"error\":\"invalid_request\"")
                .doesNotContain("invalid_token").contains("Authorization: Bearer");
    }

    @Test
    void refusesAnUpdateBodyThatIsNotJsonWith415() throws IOException {
        ObjectNode textPlain = SampleEvents.withBody(UPDATE, UPDATE.path("body").asText(), Map.of("Content-Type", "text/plain"));

        assertThat(invoke(textPlain, clientId(), token()).status()).isEqualTo(415);
    }

    @Test
    void answers503WhenTheStoreFailsAndLogsNoToken() throws IOException {
        clients.failOn(FailingClientStore.Operation.FIND, 1);

        Answer answer = invoke(READ, clientId(), token());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(String.join("\n", lambda.loggedLines())).contains("unavailable").doesNotContain(token());
    }
}
