package health.registration.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.edge.PrimingRequests;
import health.registration.issuance.IssuancePriming;
import health.registration.issuance.OfflineIssuance;
import java.util.List;
import java.util.Map;

/**
 * The manage function's SnapStart priming: over the offline clients, a client is registered, then a handler wired
 * the same way reads it, updates it and deletes it (RFC 7592) with its registration access token.
 */
final class ManagePriming extends IssuancePriming {

    private static final ObjectMapper JSON = new ObjectMapper();

    ManagePriming(Map<String, String> environment) {
        super("manage", environment);
    }

    @Override
    protected List<String> prime(OfflineIssuance offline) throws Exception {
        JsonNode issued = registeredClient(offline.wiring());
        String clientId = issued.path("client_id").asText();
        ManageClientHandler handler = new ManageClientHandler(offline.wiring().registeredClients());
        JsonNode read = PrimingRequests.invoke(handler, event("GET", issued, null));
        String update = ((ObjectNode) JSON.readTree(PrimingRequests.METADATA)).put("client_id", clientId)
                .put("client_name", "Primed App").toString();
        JsonNode updated = PrimingRequests.invoke(handler, event("PUT", issued, update));
        // An update issues a new registration access token: the delete carries it.
        JsonNode deleted = PrimingRequests.invoke(handler, event("DELETE", PrimingRequests.body(updated), null));
        return List.of(PrimingRequests.status(read), PrimingRequests.status(updated), PrimingRequests.status(deleted));
    }

    /** An RFC 7592 request on the client {@code credentials} names, with its registration access token. */
    private static byte[] event(String method, JsonNode credentials, String body) {
        String clientId = credentials.path("client_id").asText();
        return PrimingRequests.apiEvent(method, "/register/" + clientId,
                Map.of("Authorization", "Bearer " + credentials.path("registration_access_token").asText(),
                        "Content-Type", "application/json"),
                Map.of(ManagementRequests.CLIENT_ID_PARAMETER, clientId), body);
    }
}
