package health.registration.operator;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.PrimingRequests;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuancePriming;
import health.registration.issuance.OfflineIssuance;
import java.util.List;
import java.util.Map;

/**
 * The authority function's SnapStart priming: over the offline clients, a client is registered, then a handler wired
 * as in Lambda reads it, checks its secret and a wrong one, and reads a client that does not exist, as a (made-up)
 * IAM caller; the audit lines go to the quiet priming logger.
 */
final class AuthorityPriming extends IssuancePriming {

    private static final String CLIENTS = "/authority/clients/";

    AuthorityPriming(Map<String, String> environment) {
        super("authority", environment);
    }

    @Override
    protected List<String> prime(OfflineIssuance offline) throws Exception {
        JsonNode issued = registeredClient(offline.wiring());
        String clientId = issued.path("client_id").asText();
        ServeAuthorityHandler handler = new ServeAuthorityHandler(ServeAuthorityHandler.authority(
                offline.wiring().stores(), new OperatorAuditLog(offline.wiring().auditBus().orElse(null),
                        RequestLog::current)));
        Map<String, String> client = Map.of(AuthorityRequests.CLIENT_ID, clientId);
        String verify = CLIENTS + clientId + "/verify-secret";
        return List.of(
                status(handler, OperatorPriming.event("GET", CLIENTS + clientId, client, Map.of(), null)),
                status(handler, OperatorPriming.event("POST", verify, client, Map.of(), "{\""
                        + AuthorityRequests.CLIENT_SECRET + "\": \"" + issued.path("client_secret").asText() + "\"}")),
                status(handler, OperatorPriming.event("POST", verify, client, Map.of(), "{\""
                        + AuthorityRequests.CLIENT_SECRET + "\": \"not-the-secret\"}")),
                status(handler, OperatorPriming.event("GET", CLIENTS + "priming-unknown",
                        Map.of(AuthorityRequests.CLIENT_ID, "priming-unknown"), Map.of(), null)));
    }

    private static String status(ServeAuthorityHandler handler, byte[] event) throws Exception {
        return PrimingRequests.status(PrimingRequests.invoke(handler, event));
    }
}
