package health.registration.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.authority.AuthorityClients;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.UrlChecks;
import health.registration.core.operator.OperatorAction;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemoryOperatorAudit;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.MutableClock;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.RequestLog;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The authority function over API Gateway proxy events (the samples in events/authority-*.json), on in-memory ports. */
class ServeAuthorityHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-28T21:00:00Z");
    private static final String CALLER = "arn:aws:iam::123456789012:role/authorization-server";
    private static final String SECRET = "Zm9vYmFyLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVmZ2hpams";

    private final InMemoryClientStore store = new InMemoryClientStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final InMemoryOperatorAudit bus = new InMemoryOperatorAudit();
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("authority");
    private final ServeAuthorityHandler handler = new ServeAuthorityHandler(new AuthorityClients(store, secrets,
            new OperatorAuditLog(bus, RequestLog::current), MutableClock.at(T0)));

    private record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static ObjectNode sample(String name) {
        return SampleEvents.read(SampleEvents.folder().resolve("authority-" + name + ".json"));
    }

    private Answer invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        return new Answer(response.path("statusCode").asInt(), response.path("body").asText());
    }

    private Answer verify(String body) throws IOException {
        return invoke(SampleEvents.withBody(sample("verify-secret"), body, Map.of()));
    }

    private void sampleClient(ClientStatus status) {
        ClientId id = new ClientId(SampleEvents.SAMPLE_CLIENT_ID);
        String arn = secrets.create(id, new ClientSecret(SECRET));
        store.create(new ClientRecord(id, status, ValidMetadata.metadata(), new Credentials(arn, "hash", T0, 0),
                new UrlChecks(null, null, T0), T0, T0, 1));
    }

    @Test
    void readsTheSampleClientAsATokenEndpointNeedsItAndAuditsTheCaller() throws IOException {
        sampleClient(ClientStatus.ACTIVE);

        Answer answer = invoke(sample("read"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("client_id").asText()).isEqualTo(SampleEvents.SAMPLE_CLIENT_ID);
        assertThat(json.path("client_status").asText()).isEqualTo("active");
        assertThat(json.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(json.path("client_secret_expires_at").asLong()).isZero();
        assertThat(answer.body()).doesNotContain(SECRET).doesNotContain("registration_access_token");
        assertThat(bus.actions()).extracting(OperatorAction::action, OperatorAction::caller, OperatorAction::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("authority.read", CALLER, "done"));
    }

    @Test
    void answersAnUnknownClientWithTheRfc7591StyleNotFound() throws IOException {
        Answer answer = invoke(sample("read"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isEqualTo("not_found");
        assertThat(answer.json().path("error_description").asText()).isNotBlank();
        assertThat(answer.json().path("errors").get(0).path("code").asText()).isEqualTo("not_found");
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEmpty();
    }

    // Each row: the client's status (or none), the secret presented, the answer.
    @ParameterizedTest(name = "{0} presenting {1}: {2}")
    @CsvSource({
            "ACTIVE,    right, true",
            "ACTIVE,    wrong, false",
            "WARNING,   right, true",
            "SUSPENDED, right, false",
            "DELETING,  right, false",
            "NONE,      right, false",
    })
    void answersWhetherThePresentedSecretIsValid(String status, String presented, boolean valid) throws IOException {
        if (!status.equals("NONE")) {
            sampleClient(ClientStatus.valueOf(status));
        }
        String secret = presented.equals("right") ? SECRET : SECRET.substring(1) + "x";

        Answer answer = verify(JSON.createObjectNode().put("client_secret", secret).toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(JSON.createObjectNode().put("valid", valid));
        assertThat(bus.actions()).extracting(OperatorAction::action).containsExactly("authority.verify_secret");
    }

    // Each row: a request body, the error and the JSON pointer the 400 names. A body that is not a JSON object is
    // refused as on every route (edge's RequestRejection); a JSON object without the secret as invalid_request.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                          | invalid_request         | /client_secret",
            "{\"client_secret\": \"\"}   | invalid_request         | /client_secret",
            "{\"client_secret\": 42}     | invalid_request         | /client_secret",
            "{\"client_secret\": null}   | invalid_request         | /client_secret",
            "[\"client_secret\"]         | invalid_client_metadata | ''",
            "{\"client_secret\": \"x\"   | invalid_client_metadata | ''",
    })
    void refusesABodyThatIsNotAPresentedSecret(String body, String error, String pointer) throws IOException {
        sampleClient(ClientStatus.ACTIVE);

        Answer answer = verify(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo(error);
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo(pointer);
        assertThat(bus.actions()).as("nothing was checked").isEmpty();
    }

    @Test
    void refusesAnotherContentTypeAndAnotherMethod() throws IOException {
        assertThat(invoke(SampleEvents.withBody(sample("verify-secret"), "client_secret=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded"))).status()).isEqualTo(415);
        ObjectNode put = sample("read");
        put.put("httpMethod", "PUT");
        assertThat(invoke(put).status()).isEqualTo(405);
    }

    @Test
    void refusesARequestWithoutAnAuthenticatedCaller() throws IOException {
        sampleClient(ClientStatus.ACTIVE);
        ObjectNode event = sample("verify-secret");
        ((ObjectNode) event.path("requestContext").path("identity")).remove("userArn");

        Answer answer = invoke(SampleEvents.withBody(event, JSON.createObjectNode().put("client_secret", SECRET).toString(), Map.of()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(bus.actions()).isEmpty();
    }

    @Test
    void thePresentedSecretNeverReachesALogLine() throws IOException {
        sampleClient(ClientStatus.ACTIVE);

        verify(JSON.createObjectNode().put("client_secret", SECRET).toString());
        verify(JSON.createObjectNode().put("client_secret", SECRET + "-wrong").toString());
        verify("{\"client_secret\": \"" + SECRET + "\"");

        assertThat(lambda.loggedLines()).filteredOn(line -> line.contains("authority.verify_secret")).hasSize(2);
        assertThat(String.join("\n", lambda.loggedLines())).doesNotContain(SECRET);
        assertThat(bus.actions().toString()).doesNotContain(SECRET);
    }

    @Test
    void theRequestLogScrubsAClientSecretMember() {
        RequestLog log = RequestLog.of("authority", lambda);

        log.warn("a caller sent {\"client_secret\": \"" + SECRET + "\"}");

        assertThat(String.join("\n", lambda.loggedLines())).contains("client_secret").doesNotContain(SECRET);
    }
}
