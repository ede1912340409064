package health.registration.core.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorActionJsonTest {

    private static final Instant AT = Instant.parse("2026-11-28T20:30:00Z");

    @Test
    void writesAClientActionWithoutTheMembersItLacks() {
        OperatorAction action = new OperatorAction("client.read", "arn:operator", "c-1", "not_found", AT);

        assertThat(OperatorActionJson.logLine(action).toString()).isEqualTo("{\"action\":\"client.read\","
                + "\"caller\":\"arn:operator\",\"subject\":\"c-1\",\"outcome\":\"not_found\","
                + "\"at\":\"2026-11-28T20:30:00Z\",\"audit\":\"OperatorAction\"}");
    }

    @Test
    void writesACertificateActionWithItsRequestFactsAndSuspendedClients() {
        OperatorAction revoked = new OperatorAction("certificate.revoke", "arn:operator", "4f0c", OperatorAction.DONE, AT,
                "dev-1", null, Map.of("reason", "key_compromise"), List.of()).forRequest("req-1");

        assertThat(OperatorActionJson.detail(revoked).toString()).isEqualTo("{\"action\":\"certificate.revoke\","
                + "\"caller\":\"arn:operator\",\"subject\":\"4f0c\",\"outcome\":\"done\",\"at\":\"2026-11-28T20:30:00Z\","
                + "\"developer_id\":\"dev-1\",\"request_id\":\"req-1\",\"reason\":\"key_compromise\"}");
        assertThat(OperatorActionJson.detail(revoked.suspending(List.of())).path("suspended_clients").isArray()).isTrue();
        assertThat(OperatorActionJson.detail(revoked.suspending(List.of("c-1", "c-2"))).path("suspended_clients").toString())
                .isEqualTo("[\"c-1\",\"c-2\"]");
    }
}
