package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.operator.OperatorAction;
import health.registration.core.port.StoreUnavailable;
import health.registration.testkit.AwsEmulator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link EventBridgeOperatorAudit} against moto: an operator action reaches a rule matching the operator audit's source
 * and detail-type, with the caller, the subject and the outcome, and nothing else.
 */
class EventBridgeOperatorAuditIT {

    private static final String PATTERN = "{\"source\": [\"" + OperatorAction.SOURCE + "\"], \"detail-type\": [\""
            + OperatorAction.DETAIL_TYPE + "\"]}";
    private static final OperatorAction REGISTERED = new OperatorAction("client.register",
            "arn:aws:sts::123456789012:assumed-role/operator-site/alice", "kq3F8xUjT1aW0zR5bN7mLg", "done",
            Instant.parse("2026-11-28T21:00:00Z"));

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
        bus = EventBusQueue.create(eventBridge, sqs, "audit-it", PATTERN);
    }

    @AfterEach
    void deleteBusRuleAndQueue() {
        bus.close();
    }

    @Test
    void putsTheActionOnTheBusNamingTheCaller() throws IOException {
        new EventBridgeOperatorAudit(EventBridgePutEvents.shared(), bus.busName()).record(REGISTERED);

        JsonNode envelope = bus.receive(1).get(0);
        assertThat(envelope.path("source").asText()).isEqualTo(OperatorAction.SOURCE);
        assertThat(envelope.path("detail-type").asText()).isEqualTo(OperatorAction.DETAIL_TYPE);
        // The entry's Time, as EventBridge puts it in the envelope (to the second).
        assertThat(envelope.path("time").asText()).isEqualTo("2026-11-28T21:00:00Z");
        JsonNode detail = envelope.path("detail");
        assertThat(detail.path("caller").asText()).isEqualTo(REGISTERED.caller());
        assertThat(detail.path("action").asText()).isEqualTo("client.register");
        assertThat(detail.path("subject").asText()).isEqualTo(REGISTERED.subject());
        assertThat(detail.path("outcome").asText()).isEqualTo("done");
        assertThat(detail.path("at").asText()).isEqualTo("2026-11-28T21:00:00Z");
        assertThat(detail.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("action", "caller", "subject", "outcome", "at");
    }

    @Test
    void recordingOnABusThatDoesNotExistIsUnavailable() {
        EventBridgeOperatorAudit missing = new EventBridgeOperatorAudit(EventBridgePutEvents.shared(), "no-such-bus-" + UUID.randomUUID());

        assertThatThrownBy(() -> missing.record(REGISTERED)).isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("the event bus");
    }
}
