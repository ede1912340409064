package health.registration.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.AuthorizationServerClients;
import health.registration.core.connector.AuthorizationServerUnavailable;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.issue.UrlChecks;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryAuthorizationServerClients;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.edge.RequestLog;
import health.registration.testkit.RecordingLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SECRET = "s3cr3t-0123456789abcdefghijklmnopqrstuvwxyz";

    private final InMemoryClientStore registry = new InMemoryClientStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final InMemoryAuthorizationServerClients realm = new InMemoryAuthorizationServerClients();
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("connector");

    private ClientRecord registered(int n, ClientStatus status, long version, boolean withSecret) {
        ClientId id = SequentialIdSource.clientId(n);
        if (withSecret) {
            secrets.create(id, new ClientSecret(SECRET));
        }
        ClientRecord record = new ClientRecord(id, status, ValidMetadata.metadata(),
                new Credentials("arn:secret:" + id.value(), "hash", T0, 0), new UrlChecks(null, null, T0), T0, T0,
                version);
        registry.create(record);
        return record;
    }

    /** An SQS record whose body is the EventBridge envelope of the event. */
    private static ObjectNode message(String messageId, LifecycleEvent event) {
        ObjectNode envelope = JSON.createObjectNode().put("version", "0").put("id", "e-" + messageId)
                .put("detail-type", event.type().detailType()).put("source", LifecycleEvent.SOURCE);
        envelope.set("detail", LifecycleEventJson.detail(event));
        return message(messageId, envelope.toString());
    }

    private static ObjectNode message(String messageId, String body) {
        return JSON.createObjectNode().put("messageId", messageId).put("eventSource", "aws:sqs").put("body", body);
    }

    private static ObjectNode batch(ObjectNode... messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        List.of(messages).forEach(records::add);
        return event;
    }

    private JsonNode invoke(ConnectorRequests requests, JsonNode event) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new KeycloakConnectorHandler(requests).handleRequest(
                new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), output, lambda);
        return JSON.readTree(output.toByteArray());
    }

    private ConnectorRequests over(AuthorizationServerClients server) {
        return new ConnectorRequests(() -> ConnectorWiring.of(registry, server, secrets));
    }

    private static List<String> failed(JsonNode answer) {
        return answer.get("batchItemFailures").findValuesAsText("itemIdentifier");
    }

    @Test
    void appliesEachEventAndReportsOnlyTheMessagesToDeliverAgain() throws Exception {
        ClientRecord first = registered(1, ClientStatus.ACTIVE, 2, true);
        ClientRecord noSecretYet = registered(2, ClientStatus.ACTIVE, 2, false);

        JsonNode answer = invoke(over(realm), batch(
                message("m-1", LifecycleEvent.changed(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING, first)),
                message("m-2", "not json {"),
                message("m-3", "{\"detail-type\": \"ClientRegistered\", \"detail\": {\"client_id\": 7}}"),
                message("m-4", LifecycleEvent.changed(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING,
                        noSecretYet))));

        assertThat(failed(answer)).as("malformed messages and a secret not readable yet come back, nothing else")
                .containsExactly("m-2", "m-3", "m-4");
        assertThat(realm.held(first.clientId().value())).isPresent();
        assertThat(realm.held(noSecretYet.clientId().value())).isEmpty();
        assertThat(String.join("\n", lambda.loggedLines())).doesNotContain(SECRET);
    }

    @Test
    void anUnreachableServerFailsEveryMessageOfTheBatchWithoutAnException() throws Exception {
        ClientRecord first = registered(1, ClientStatus.ACTIVE, 2, true);
        ClientRecord second = registered(2, ClientStatus.SUSPENDED, 3, true);
        AuthorizationServerClients unreachable = new AuthorizationServerClients() {
            @Override
            public void upsert(AuthorizationServerClient client) {
                throw down();
            }

            @Override
            public boolean setEnabled(String clientId, boolean enabled) {
                throw down();
            }

            @Override
            public boolean delete(String clientId) {
                throw down();
            }

            @Override
            public List<AuthorizationServerClient.Listed> list() {
                throw down();
            }

            private AuthorizationServerUnavailable down() {
                return new AuthorizationServerUnavailable("keycloak: the administrator's token failed: ConnectException");
            }
        };

        JsonNode answer = invoke(over(unreachable), batch(
                message("m-1", LifecycleEvent.changed(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING, first)),
                message("m-2", LifecycleEvent.changed(LifecycleEvent.Type.SUSPENDED, ClientStatus.ACTIVE, second))));

        assertThat(failed(answer)).containsExactly("m-1", "m-2");
        assertThat(lambda.loggedMessages()).anyMatch(line -> line.contains("ConnectException"));
    }

    @Test
    void aConnectorThatCannotStartFailsEveryMessageAndTriesAgainNextTime() throws Exception {
        ClientRecord first = registered(1, ClientStatus.ACTIVE, 2, true);
        int[] attempts = {0};
        ConnectorRequests requests = new ConnectorRequests(new KeycloakConnectorHandler.OnFirstUse<>(() -> {
            if (attempts[0]++ == 0) {
                throw new IllegalArgumentException("the secret KEYCLOAK_ADMIN_CREDENTIALS_SECRET names is not JSON");
            }
            return ConnectorWiring.of(registry, realm, secrets);
        }));
        ObjectNode event = batch(
                message("m-1", LifecycleEvent.changed(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING, first)));

        assertThat(failed(invoke(requests, event))).containsExactly("m-1");
        assertThat(failed(invoke(requests, event))).as("built again, then applied").isEmpty();
        assertThat(realm.held(first.clientId().value())).isPresent();
    }

    @Test
    void aLateEventOfADeletedClientNeverBringsItBack() throws Exception {
        ClientRecord client = registered(1, ClientStatus.ACTIVE, 2, true);
        LifecycleEvent registeredEvent = LifecycleEvent.changed(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING,
                client);
        invoke(over(realm), batch(message("m-1", registeredEvent)));
        registry.delete(client.clientId(), 2);

        JsonNode answer = invoke(over(realm), batch(
                message("m-2", LifecycleEvent.changed(LifecycleEvent.Type.DELETED, ClientStatus.ACTIVE,
                        new ClientRecord(client.clientId(), ClientStatus.DELETING, client.metadata(),
                                client.credentials(), client.checks(), T0, T0, 3))),
                message("m-1", registeredEvent)));

        assertThat(failed(answer)).isEmpty();
        assertThat(realm.held(client.clientId().value())).isEmpty();
    }

    @Test
    void theScheduledEventReconcilesAndAnswersWhatItRepaired() throws Exception {
        registered(1, ClientStatus.ACTIVE, 2, true);
        registered(2, ClientStatus.SUSPENDED, 4, true);

        JsonNode answer = invoke(over(realm), JSON.readTree("{\"reconcile\": true}"));

        assertThat(answer.get("written").asInt()).isEqualTo(2);
        assertThat(answer.get("removed").asInt()).isZero();
        assertThat(realm.list()).hasSize(2);
        assertThat(invoke(over(realm), JSON.readTree("{}")).get("written").asInt()).as("in step now").isZero();
    }

    @Test
    void aReconcileThatCannotReachTheServerFailsTheInvocation() {
        ConnectorRequests requests = new ConnectorRequests(() -> {
            throw new AuthorizationServerUnavailable("keycloak: GET /admin/realms/fhir/clients answered 503");
        });

        assertThatThrownBy(() -> requests.answer(JSON.createObjectNode(), RequestLog.of("connector", lambda)))
                .isInstanceOf(ConnectorRequests.ReconcileFailed.class)
                .hasMessageContaining("GET /admin/realms/fhir/clients answered 503")
                .satisfies(failure -> assertThat(failure.getStackTrace()).as("nothing for the runtime to log")
                        .isEmpty());
        assertThat(lambda.loggedMessages()).anyMatch(line -> line.contains("answered 503"));
    }
}
