package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class OfflineClientsTest {

    @Test
    void everyRequestGoesOverTlsToTheLoopbackEndpointAndIsAnsweredFromMemory() {
        try (OfflineClients clients = AwsClients.offline(payload -> JsonNodeFactory.instance.objectNode()
                .put("echo", payload.path("ping").asText()))) {
            Map<String, AttributeValue> item = Map.of("client_id", AttributeValue.fromS("c1"),
                    "name", AttributeValue.fromS("Primed"));
            clients.dynamoDb().putItem(r -> r.tableName("clients").item(item));
            Map<String, AttributeValue> read = clients.dynamoDb()
                    .getItem(r -> r.tableName("clients").key(Map.of("client_id", AttributeValue.fromS("c1")))).item();
            clients.secretsManager().createSecret("s1", "value", "token-1", Map.of(), Optional.empty());
            String secret = clients.secretsManager().secretString("s1").orElseThrow();
            String invoked = new String(clients.lambdaInvoke().invoke("probe",
                    "{\"ping\": \"pong\"}".getBytes(StandardCharsets.UTF_8)).payload(), StandardCharsets.UTF_8);

            assertThat(read).isEqualTo(item);
            assertThat(secret).isEqualTo("value");
            assertThat(invoked).contains("\"echo\":\"pong\"");
            // Five SDK calls, five requests answered by the endpoint, each on a TLS connection of its own.
            assertThat(clients.requests()).isEqualTo(5);
            assertThat(clients.handshakes()).isEqualTo(5);
        }
    }

    @Test
    void theClientsReachNothingButTheLoopbackEndpoint() {
        try (OfflineClients clients = AwsClients.offline(payload -> payload)) {
            URI endpoint = clients.dynamoDb().endpoint();
            assertThat(endpoint.getScheme()).isEqualTo("https");
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            // Secrets Manager's calls share the endpoint: answered from memory like every other request.
            clients.secretsManager().scheduleDeletion("none", 7);
            // The Lambda invoker shares the endpoint: its Invoke is answered from memory like every other request.
            clients.lambdaInvoke().invoke("probe", "{}".getBytes(StandardCharsets.UTF_8));
            // So does EventBridge's PutEvents: every entry accepted.
            assertThat(clients.eventBridge().put(List.of(new EventBridgePutEvents.Entry("bus", "source", "type",
                    Instant.EPOCH, "{}"))).failedEntryCount()).isZero();
            assertThat(clients.requests()).isEqualTo(3);
        }
    }
}
