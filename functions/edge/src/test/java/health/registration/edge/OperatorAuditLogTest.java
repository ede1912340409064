package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.operator.OperatorAction;
import health.registration.core.port.StoreUnavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OperatorAuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OperatorAction SUSPENDED = new OperatorAction("client.suspend",
            "arn:aws:sts::123456789012:assumed-role/operator-site/alice", "kq3F8xUjT1aW0zR5bN7mLg", "done",
            Instant.parse("2026-11-28T21:00:00Z"));

    private final List<String> lines = new ArrayList<>();
    private final LambdaLogger sink = new LambdaLogger() {
        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            lines.add(new String(message));
        }
    };
    private final RequestLog requestLog = new RequestLog(sink, LogLevel.INFO, Clock.systemUTC(), "operator", "aws-1",
            "api-1", null);
    private final Supplier<RequestLog> log = () -> requestLog;

    @Test
    void writesOneJsonLineNamingTheCallerThenTheEvent() throws Exception {
        List<OperatorAction> sent = new ArrayList<>();

        new OperatorAuditLog(sent::add, log).record(SUSPENDED);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line).endsWith("\n").doesNotContain("\n\n");
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("audit").asText()).isEqualTo("OperatorAction");
            assertThat(json.path("action").asText()).isEqualTo("client.suspend");
            assertThat(json.path("caller").asText()).isEqualTo(SUSPENDED.caller());
            assertThat(json.path("subject").asText()).isEqualTo(SUSPENDED.subject());
            assertThat(json.path("outcome").asText()).isEqualTo("done");
            assertThat(json.path("at").asText()).isEqualTo("2026-11-28T21:00:00Z");
            assertThat(json.path("level").asText()).isEqualTo("INFO");
            assertThat(json.path("AWSRequestId").asText()).isEqualTo("aws-1");
            assertThat(json.path("apiRequestId").asText()).isEqualTo("api-1");
        });
        assertThat(sent).containsExactly(SUSPENDED);
    }

    @Test
    void logsWithoutABus() {
        new OperatorAuditLog(null, log).record(SUSPENDED);

        assertThat(lines).hasSize(1);
    }

    @Test
    void keepsTheLineWhenTheBusFails() {
        OperatorAuditLog audit = new OperatorAuditLog(action -> {
            throw new StoreUnavailable("the event bus did not answer PutEvents", null);
        }, log);

        assertThatExceptionOfType(StoreUnavailable.class).isThrownBy(() -> audit.record(SUSPENDED));
        assertThat(lines).hasSize(1);
    }
}
