package health.registration.core.reverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.port.SequentialIdSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReverificationSegmentJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsBackTheSegmentItWrote() throws JsonProcessingException {
        ReverificationSegment segment = new ReverificationSegment("run-2026-03-02T03:00:00Z", Instant.parse("2026-03-02T03:00:00Z"),
                List.of(SequentialIdSource.clientId(1), SequentialIdSource.clientId(2), SequentialIdSource.clientId(3)));

        String wire = JSON.writeValueAsString(ReverificationSegmentJson.write(segment));

        assertThat(ReverificationSegmentJson.read(JSON.readTree(wire))).isEqualTo(segment);
        assertThat(JSON.readTree(wire).path("run_at").asText()).isEqualTo("2026-03-02T03:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no run id           | {\"run_at\": \"2026-03-02T03:00:00Z\", \"client_ids\": []}",
        "a run id not text   | {\"run_id\": 7, \"run_at\": \"2026-03-02T03:00:00Z\", \"client_ids\": []}",
        "no run time         | {\"run_id\": \"r\", \"client_ids\": []}",
        "a run time not ISO  | {\"run_id\": \"r\", \"run_at\": \"yesterday\", \"client_ids\": []}",
        "a run time as epoch | {\"run_id\": \"r\", \"run_at\": 1772420400, \"client_ids\": []}",
        "no client ids       | {\"run_id\": \"r\", \"run_at\": \"2026-03-02T03:00:00Z\"}",
        "client ids not a list | {\"run_id\": \"r\", \"run_at\": \"2026-03-02T03:00:00Z\", \"client_ids\": \"client-000000000000001\"}",
        "an id we never issue | {\"run_id\": \"r\", \"run_at\": \"2026-03-02T03:00:00Z\", \"client_ids\": [\"../etc/passwd\"]}",
        "a root array        | []",
    })
    void refusesAMessageThatIsNotASegment(String reason, String text) throws JsonProcessingException {
        JsonNode message = JSON.readTree(text);

        assertThatThrownBy(() -> ReverificationSegmentJson.read(message)).isInstanceOf(IllegalArgumentException.class);
    }
}
