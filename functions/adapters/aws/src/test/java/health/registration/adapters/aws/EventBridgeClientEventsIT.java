package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.port.StoreUnavailable;
import health.registration.testkit.MotoServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link EventBridgeClientEvents} against moto, through the production clients: a bus of the test's own, a rule on
 * it matching the service's source, and an SQS queue as the rule's target, where the published events are read back.
 */
class EventBridgeClientEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "client-lifecycle";
    private static final String SOURCE_PATTERN = "{\"source\": [\"" + LifecycleEvent.SOURCE + "\"]}";

    private static EventBridgeClient eventBridge;
    private static SqsClient sqs;

    private String busName;
    private String queueUrl;

    @BeforeAll
    static void requireEmulator() {
        eventBridge = MotoServer.require(AwsClients.eventBridge());
        sqs = MotoServer.require(AwsClients.sqs());
    }

    @BeforeEach
    void createBusRuleAndQueue() {
        String suffix = UUID.randomUUID().toString();
        busName = "events-it-" + suffix;
        eventBridge.createEventBus(r -> r.name(busName));
        queueUrl = sqs.createQueue(r -> r.queueName("events-it-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(RULE).eventBusName(busName).eventPattern(SOURCE_PATTERN));
        eventBridge.putTargets(r -> r.rule(RULE).eventBusName(busName)
                .targets(Target.builder().id("queue").arn(queueArn).build()));
    }

    @AfterEach
    void deleteBusRuleAndQueue() {
        eventBridge.removeTargets(r -> r.rule(RULE).eventBusName(busName).ids("queue"));
        eventBridge.deleteRule(r -> r.name(RULE).eventBusName(busName));
        eventBridge.deleteEventBus(r -> r.name(busName));
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
    }

    /** Twelve events take two PutEvents calls: moto, like EventBridge, refuses a call of more than ten entries. */
    @Test
    void twelveEventsInTwoBatchesReachTheRulesTargetAndReadBackEqual() throws IOException {
        List<LifecycleEvent> events = LifecycleEvents.some(12);

        new EventBridgeClientEvents(eventBridge, busName).publish(events);

        List<LifecycleEvent> received = new ArrayList<>();
        for (JsonNode envelope : receive(12)) {
            assertThat(envelope.path("source").asText()).isEqualTo(LifecycleEvent.SOURCE);
            assertThat(envelope.path("resources")).isEmpty();
            received.add(LifecycleEventJson.read(envelope.path("detail"), envelope.path("detail-type").asText()));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(events);
        assertThat(received).extracting(e -> e.type().detailType())
                .contains("ClientUrlCheckFailed", "ClientSuspended", "ClientReinstated");
    }

    /**
     * moto 5.2 refuses the whole call for a bus it does not know (ResourceNotFoundException); EventBridge may instead
     * refuse the entries. Either is unavailable.
     */
    @Test
    void publishingToABusThatDoesNotExistIsUnavailableWithoutTheEventInTheMessage() {
        LifecycleEvent event = LifecycleEvents.some(1).get(0);
        EventBridgeClientEvents missing = new EventBridgeClientEvents(eventBridge, "no-such-bus-" + UUID.randomUUID());

        assertThatThrownBy(() -> missing.publish(List.of(event)))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("the event bus")
                .message().doesNotContain(LifecycleEvents.CONTACT, event.clientId().value());
    }

    /** The EventBridge envelopes of the messages in the queue: the count asked for, then no more. */
    private List<JsonNode> receive(int count) throws IOException {
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
}
