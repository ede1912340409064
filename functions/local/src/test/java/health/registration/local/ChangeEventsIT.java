package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.local.LocalApiCalls.Answer;
import health.registration.local.LocalApiCalls.Registered;
import health.registration.adapters.aws.EventBridgeClients;
import health.registration.adapters.aws.SqsClients;
import health.registration.core.issue.LifecycleEvent;
import health.registration.testkit.AwsEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The change events end to end (docs/operations/authorization-server.md, "Change events"): the local API with
 * {@code EVENT_BUS_NAME} naming a bus in moto, whose rule sends the service's events to an SQS queue, where they are
 * read back. A registration, an RFC 7592 update, an operator's suspension and an RFC 7592 deletion put
 * ClientRegistered, ClientUpdated, ClientSuspended and ClientDeleted, in that order of version, none carrying the
 * secret or a token. Fixture sites on 127.0.0.131.
 */
class ChangeEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR_TOKEN = "change-events-it-" + Long.toHexString(System.nanoTime()) + "-local-token";
    private static final String RULE = "to-queue";

    private static EventBridgeClient eventBridge;
    private static SqsClient sqs;
    private static String busName;
    private static String queueUrl;
    private static LocalRegistrationService service;

    @BeforeAll
    static void start() throws Exception {
        eventBridge = AwsEmulator.client(EventBridgeClients::shared);
        sqs = AwsEmulator.client(SqsClients::shared);
        busName = "change-events-it-" + UUID.randomUUID();
        eventBridge.createEventBus(r -> r.name(busName));
        queueUrl = sqs.createQueue(r -> r.queueName(busName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(RULE).eventBusName(busName)
                .eventPattern("{\"source\": [\"" + LifecycleEvent.SOURCE + "\"]}"));
        eventBridge.putTargets(r -> r.rule(RULE).eventBusName(busName)
                .targets(Target.builder().id("queue").arn(queueArn).build()));
        service = LocalRegistrationService.start("change-events-it", "127.0.0.131", "events", 4,
                Map.of(OperatorGuard.TOKEN_VARIABLE, OPERATOR_TOKEN, "EVENT_BUS_NAME", busName));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (busName != null) {
            eventBridge.removeTargets(r -> r.rule(RULE).eventBusName(busName).ids("queue"));
            eventBridge.deleteRule(r -> r.name(RULE).eventBusName(busName));
            eventBridge.deleteEventBus(r -> r.name(busName));
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private static Answer send(String method, String path, JsonNode body, String token) throws Exception {
        return LocalApiCalls.send(service.api().baseUri(), method, path, body, token);
    }

    /** The EventBridge envelopes in the queue: the count asked for, then no more. */
    private static List<JsonNode> receive(int count) throws Exception {
        List<JsonNode> envelopes = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && envelopes.size() < count; attempt++) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                envelopes.add(JSON.readTree(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        assertThat(envelopes).hasSize(count);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()).isEmpty();
        return envelopes;
    }

    @Test
    void aRegistrationAnUpdateASuspensionAndADeletionPutTheirEventsWithGrowingVersions() throws Exception {
        ObjectNode metadata = RegistrationMetadata.jsonHostedOn(service.sites().nextHost());
        Registered registered = LocalApiCalls.register(service.api().baseUri(), metadata);
        String clientId = registered.clientId();
        String secret = registered.secret();
        List<String> tokens = new ArrayList<>(List.of(registered.registrationAccessToken()));

        ObjectNode renamed = metadata.deepCopy().put("client_id", clientId).put("client_name", "Renamed Events App");
        Answer updated = send("PUT", "/register/" + clientId, renamed, tokens.get(0));
        assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
        tokens.add(updated.json().path("registration_access_token").asText());

        Answer suspended = send("POST", "/operator/clients/" + clientId + "/suspend", null, OPERATOR_TOKEN);
        assertThat(suspended.status()).as(suspended.json().toString()).isEqualTo(200);

        Answer deleted = send("DELETE", "/register/" + clientId, null, tokens.get(1));
        assertThat(deleted.status()).as(deleted.json().toString()).isEqualTo(204);

        List<JsonNode> envelopes = receive(4);
        List<JsonNode> details = envelopes.stream().map(envelope -> envelope.path("detail"))
                .sorted((a, b) -> Long.compare(a.path("version").asLong(), b.path("version").asLong())).toList();
        assertThat(envelopes).allSatisfy(envelope ->
                assertThat(envelope.path("source").asText()).isEqualTo(LifecycleEvent.SOURCE));
        assertThat(envelopes).extracting(envelope -> envelope.path("detail-type").asText())
                .containsExactlyInAnyOrder("ClientRegistered", "ClientUpdated", "ClientSuspended", "ClientDeleted");
        assertThat(details).extracting(detail -> detail.path("client_status").asText())
                .containsExactly("active", "active", "suspended", "deleting");
        assertThat(details).extracting(detail -> detail.path("version").asLong()).doesNotHaveDuplicates().isSorted();
        assertThat(details).allSatisfy(detail -> {
            assertThat(detail.path("client_id").asText()).isEqualTo(clientId);
            assertThat(detail.path("registration_path").asText()).isEqualTo("open");
            assertThat(detail.path("metadata").path("redirect_uris")).isEqualTo(metadata.get("redirect_uris"));
            assertThat(detail.path("metadata").has("client_secret_expires_at")).isTrue();
        });
        assertThat(details.get(0).path("metadata").path("client_name").asText()).isEqualTo(metadata.path("client_name").asText());
        assertThat(details.get(1).path("metadata").path("client_name").asText()).isEqualTo("Renamed Events App");
        String wire = envelopes.toString();
        assertThat(wire).as("no secret or token on the bus").doesNotContain(secret, tokens.get(0), tokens.get(1));
    }
}
