package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.port.StoreUnavailable;
import health.registration.testkit.AwsEmulator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link EventBridgeClientEvents} against moto, through the production clients: a bus of the test's own, a rule on
 * it matching the service's source, and an SQS queue as the rule's target, where the published events are read back.
 */
class EventBridgeClientEventsIT {

    private static final String SOURCE_PATTERN = "{\"source\": [\"" + LifecycleEvent.SOURCE + "\"]}";

    private static EventBridgeClient eventBridge;
    private static SqsClient sqs;

    private EventBusQueue bus;

    @BeforeAll
    static void requireEmulator() {
        eventBridge = AwsEmulator.client(EventBridgeClients::shared);
        sqs = AwsEmulator.client(SqsClients::shared);
    }

    @BeforeEach
    void createBusRuleAndQueue() {
        bus = EventBusQueue.create(eventBridge, sqs, "events-it", SOURCE_PATTERN);
    }

    @AfterEach
    void deleteBusRuleAndQueue() {
        bus.close();
    }

    @Test
    void twelveEventsInTwoBatchesReachTheRulesTargetAndReadBackEqual() throws IOException {
        List<LifecycleEvent> events = LifecycleEvents.some(12);

        new EventBridgeClientEvents(EventBridgePutEvents.shared(), bus.busName()).publish(events);

        List<LifecycleEvent> received = new ArrayList<>();
        for (JsonNode envelope : bus.receive(12)) {
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
        EventBridgeClientEvents missing = new EventBridgeClientEvents(EventBridgePutEvents.shared(), "no-such-bus-" + UUID.randomUUID());

        assertThatThrownBy(() -> missing.publish(List.of(event)))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("the event bus")
                .message().doesNotContain(LifecycleEvents.CONTACT, event.clientId().value());
    }
}
