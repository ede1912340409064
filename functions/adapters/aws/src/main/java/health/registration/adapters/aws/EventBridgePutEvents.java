package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * EventBridge's PutEvents (EventBridge API reference "PutEvents": {@code POST /} with
 * {@code X-Amz-Target: AWSEvents.PutEvents}, AWS JSON 1.1), signed and sent by {@link SignedRequests}: the one
 * EventBridge call the functions make (lifecycle events and the operator audit trail), without the EventBridge client,
 * whose service model would come with it (docs/performance-packages.md). Failures are {@link SdkClientException}s
 * that never carry the entries.
 */
public final class EventBridgePutEvents {

    /** One entry: the bus's name or ARN, source, detail type, time and the detail (a JSON object's text). */
    public record Entry(String busName, String source, String detailType, Instant time, String detail) {
        public Entry {
            Objects.requireNonNull(busName);
            Objects.requireNonNull(source);
            Objects.requireNonNull(detailType);
            Objects.requireNonNull(time);
            Objects.requireNonNull(detail);
        }
    }

    /** How many entries the bus refused ({@code FailedEntryCount}) and their error codes, in entry order. */
    public record Result(int failedEntryCount, List<String> errorCodes) {
        public Result {
            errorCodes = List.copyOf(errorCodes);
        }
    }

    static final String SIGNING_NAME = "events";
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_EVENTBRIDGE";
    static final String TARGET = "AWSEvents.PutEvents";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedRequests requests;

    /**
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    EventBridge's endpoint (scheme, host and port)
     * @param region      the region the request is signed for
     * @param credentials the signing credentials, resolved for every request
     */
    public EventBridgePutEvents(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.requests = new SignedRequests("EventBridge", SIGNING_NAME, http, endpoint, region, credentials);
    }

    /** This container's PutEvents: {@link ClientSettings}' region and credentials, EventBridge's endpoint, built on first use. */
    public static EventBridgePutEvents shared() {
        return Holder.PUT_EVENTS;
    }

    // The JVM initialises the holder, and so builds the sender, on its first use only.
    private static final class Holder {
        static final EventBridgePutEvents PUT_EVENTS = ClientSettings.sender(EventBridgePutEvents::endpoint,
                EventBridgePutEvents::new);
    }

    /** EventBridge's endpoint in {@code region}, or the one the environment sets as the SDK reads it. */
    static URI endpoint(Map<String, String> environment, Region region) {
        return SignedRequests.endpoint(environment, ENDPOINT_VARIABLE, SIGNING_NAME, region);
    }

    /** Puts {@code entries} (at most ten, the API's limit) in one call, as the SDK's client would send them. */
    public Result put(List<Entry> entries) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode array = request.putArray("Entries");
        for (Entry entry : entries) {
            // AWS JSON 1.1 timestamps: epoch seconds, to the millisecond.
            array.addObject()
                    .put("Time", BigDecimal.valueOf(entry.time().toEpochMilli(), 3))
                    .put("Source", entry.source())
                    .<ObjectNode>set("Resources", JSON.createArrayNode())
                    .put("DetailType", entry.detailType())
                    .put("Detail", entry.detail())
                    .put("EventBusName", entry.busName());
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (IOException impossible) {
            throw new IllegalStateException("a JSON tree always serialises", impossible);
        }
        SignedRequests.Answer answer = requests.post("/",
                Map.of("X-Amz-Target", TARGET, "Content-Type", "application/x-amz-json-1.1"), body);
        return result(answer.body());
    }

    private static Result result(byte[] body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException notJson) {
            throw SdkClientException.create("EventBridge's PutEvents answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw SdkClientException.create("EventBridge's PutEvents answer is not a JSON object");
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode entry : answer.path("Entries")) {
            if (entry.hasNonNull("ErrorCode")) {
                codes.add(entry.get("ErrorCode").asText());
            }
        }
        // No FailedEntryCount counts as none, as the SDK's client reads it (null).
        return new Result(answer.path("FailedEntryCount").asInt(0), codes);
    }
}
