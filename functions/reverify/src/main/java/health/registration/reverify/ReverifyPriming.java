package health.registration.reverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.adapters.aws.SqsRequests;
import health.registration.edge.PrimingRequests;
import health.registration.issuance.IssuancePriming;
import health.registration.issuance.OfflineIssuance;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The reverify function's SnapStart priming: over the offline clients, a client is registered, then a handler wired
 * the same way checks it (probing through the in-memory probe function) and runs the daily schedule (whose queries
 * come back empty).
 */
final class ReverifyPriming extends IssuancePriming {

    private static final ObjectMapper JSON = new ObjectMapper();

    ReverifyPriming(Map<String, String> environment) {
        super("reverify", environment);
    }

    @Override
    protected List<String> prime(OfflineIssuance offline) throws Exception {
        JsonNode issued = registeredClient(offline.wiring());
        Clock clock = Clock.systemUTC();
        // The fan-out's SQS sender on the same offline endpoint; the run sends nothing when its queries come back empty.
        return prime(offline, issued, clock, offline.clients().sender(SqsRequests::endpoint, SqsRequests::new));
    }

    private static List<String> prime(OfflineIssuance offline, JsonNode issued, Clock clock, SqsRequests sqs) throws Exception {
        ReverifyClientsHandler handler = new ReverifyClientsHandler(new ReverificationRequests(
                ReverifyWiring.reverification(offline.wiring(), offline.hostResolver(), () -> sqs), clock), clock);
        byte[] check = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put(ReverificationRequests.CLIENT_ID, issued.path("client_id").asText()));
        byte[] scheduled = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put(ReverificationRequests.SCHEDULED_AT, clock.instant().toString()));
        JsonNode checked = PrimingRequests.invoke(handler, check);
        JsonNode run = PrimingRequests.invoke(handler, scheduled);
        return List.of("client_status=" + checked.path("client_status").asText(),
                run.has("error") ? "error=" + run.path("error").asText() : "run");
    }
}
