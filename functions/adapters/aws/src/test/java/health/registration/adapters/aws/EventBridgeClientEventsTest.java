package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.port.StoreUnavailable;
import health.registration.testkit.DeadEndpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** {@link EventBridgeClientEvents} against {@link FakeEventBridge}; the moto IT covers the way to a real rule. */
class EventBridgeClientEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "registration-events";

    private FakeEventBridge bus;
    private EventBridgePutEvents client;

    @BeforeEach
    void start() throws IOException {
        bus = FakeEventBridge.start();
        client = bus.putEvents();
    }

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void publishesInBatchesOfTenEachEventWithItsSourceTypeDetailAndBus() throws IOException {
        List<LifecycleEvent> events = LifecycleEvents.some(23);

        new EventBridgeClientEvents(client, BUS).publish(events);

        assertThat(bus.requests()).extracting(r -> r.path("Entries").size()).containsExactly(10, 10, 3);
        List<LifecycleEvent> published = new ArrayList<>();
        for (JsonNode request : bus.requests()) {
            for (JsonNode entry : request.path("Entries")) {
                assertThat(entry.path("Source").asText()).isEqualTo("health.registration");
                assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
                assertThat(entry.path("Resources")).isEmpty();
                published.add(LifecycleEventJson.read(JSON.readTree(entry.path("Detail").asText()),
                        entry.path("DetailType").asText()));
            }
        }
        assertThat(published).containsExactlyElementsOf(events);
    }

    @Test
    void sendsTheBodyTheSdksEventBridgeClientSends() {
        List<LifecycleEvent> events = LifecycleEvents.some(3);
        try (EventBridgeClient sdk = bus.client()) {
            sdk.putEvents(r -> r.entries(events.stream().map(event -> PutEventsRequestEntry.builder()
                    .eventBusName(BUS).source(LifecycleEvent.SOURCE).detailType(event.type().detailType())
                    .time(event.at()).detail(LifecycleEventJson.detail(event).toString()).resources(List.of())
                    .build()).toList()));
        }

        new EventBridgeClientEvents(client, BUS).publish(events);

        assertThat(bus.requests()).hasSize(2);
        assertThat(bus.requests().get(1)).isEqualTo(bus.requests().get(0));
    }

    @Test
    void publishingNoEventsCallsNothing() {
        new EventBridgeClientEvents(client, BUS).publish(List.of());
        assertThat(bus.requests()).isEmpty();
    }

    @Test
    void aRefusedEntryIsUnavailableNamingItsCodeButNotTheEvent() {
        bus.refuseFirstEntries("InternalFailure");
        List<LifecycleEvent> events = LifecycleEvents.some(12);

        assertThatThrownBy(() -> new EventBridgeClientEvents(client, BUS).publish(events))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessage("the event bus refused 1 of 10 events (InternalFailure)")
                .hasNoCause();
        assertThat(bus.requests()).as("the second batch is not tried").hasSize(1);
    }

    @Test
    void anUnreachableBusIsUnavailableWithoutTheEventInTheMessage() {
        LifecycleEvent event = LifecycleEvents.some(1).get(0);
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            EventBridgePutEvents dead = FakeEventBridge.putEventsFor(http, DeadEndpoint.uri());
            assertThatThrownBy(() -> new EventBridgeClientEvents(dead, BUS).publish(List.of(event)))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessage("the event bus did not answer PutEvents")
                    .hasCauseInstanceOf(SdkClientException.class)
                    .message().doesNotContain(LifecycleEvents.CONTACT, event.clientId().value());
        }
    }
}
