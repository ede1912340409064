package health.registration.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.PrimingRequests;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuancePriming;
import health.registration.issuance.OfflineIssuance;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The operator function's SnapStart priming: over the offline clients, a handler wired as in Lambda registers a client
 * on the manual path, reads it, lists the active clients and suspends it, as a (made-up) IAM caller; the audit lines go
 * to the quiet priming logger.
 */
final class OperatorPriming extends IssuancePriming {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "arn:aws:iam::000000000000:role/snapstart-priming";
    private static final String CLIENTS = "/operator/clients";

    OperatorPriming(Map<String, String> environment) {
        super("operator", environment);
    }

    @Override
    protected List<String> prime(OfflineIssuance offline) throws Exception {
        OperateClientsHandler handler = new OperateClientsHandler(OperatorWiring.operatorServices(offline.wiring(),
                bus -> new OperatorAuditLog(bus, RequestLog::current)));
        JsonNode registered = PrimingRequests.invoke(handler, event("POST", CLIENTS, Map.of(), Map.of(),
                PrimingRequests.METADATA));
        String clientId = PrimingRequests.body(registered).path("client_id").asText();
        Map<String, String> client = Map.of(OperatorRequests.CLIENT_ID, clientId);
        JsonNode read = PrimingRequests.invoke(handler, event("GET", CLIENTS + "/" + clientId, client, Map.of(), null));
        JsonNode listed = PrimingRequests.invoke(handler, event("GET", CLIENTS, Map.of(), Map.of("status", "active"), null));
        JsonNode suspended = PrimingRequests.invoke(handler,
                event("POST", CLIENTS + "/" + clientId + "/suspend", client, Map.of(), null));
        return List.of(PrimingRequests.status(registered), PrimingRequests.status(read), PrimingRequests.status(listed),
                PrimingRequests.status(suspended));
    }

    /** An operator API event, signed (as API Gateway reports it) by {@link #CALLER}. */
    static byte[] event(String method, String path, Map<String, String> pathParameters,
            Map<String, String> query, String body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(PrimingRequests.apiEvent(method, path,
                Map.of("Content-Type", "application/json"), pathParameters, query, body));
        ((ObjectNode) event.path("requestContext")).putObject("identity").put("userArn", CALLER);
        return JSON.writeValueAsBytes(event);
    }
}
