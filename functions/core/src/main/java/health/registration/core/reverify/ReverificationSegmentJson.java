package health.registration.core.reverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a fan-out message: {@code {"run_id": ..., "run_at": "2026-11-28T03:00:00Z", "client_ids": [...]}}.
 * {@link #read} inverts {@link #write}.
 */
public final class ReverificationSegmentJson {

    static final String RUN_ID = "run_id";
    static final String RUN_AT = "run_at";
    static final String CLIENT_IDS = "client_ids";

    private ReverificationSegmentJson() {}

    public static ObjectNode write(ReverificationSegment segment) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(RUN_ID, segment.runId());
        json.put(RUN_AT, segment.runAt().toString());
        ArrayNode ids = json.putArray(CLIENT_IDS);
        segment.clientIds().forEach(id -> ids.add(id.value()));
        return json;
    }

    /** The segment a message carries; {@link IllegalArgumentException} when it carries anything else. */
    public static ReverificationSegment read(JsonNode json) {
        if (json == null || !json.path(RUN_ID).isTextual() || !json.path(RUN_AT).isTextual() || !json.path(CLIENT_IDS).isArray()) {
            throw new IllegalArgumentException("a segment has run_id, run_at and client_ids");
        }
        Instant runAt;
        try {
            runAt = Instant.parse(json.get(RUN_AT).textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("run_at is not an instant");
        }
        List<ClientId> ids = new ArrayList<>();
        for (JsonNode id : json.get(CLIENT_IDS)) {
            ids.add(ClientId.parse(id.asText()).orElseThrow(() -> new IllegalArgumentException("not a client id")));
        }
        return new ReverificationSegment(json.get(RUN_ID).textValue(), runAt, ids);
    }
}
