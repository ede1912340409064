package health.registration.core.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;

/** A client registered on a bench, with what its registrant was given, for the RFC 7592 tests. */
record ManagedClient(String id, String secret, String token) {

    static ManagedClient registerOn(IssuanceBench bench) {
        JsonNode answer = bench.registerValidClient();
        return new ManagedClient(answer.path("client_id").asText(), answer.path("client_secret").asText(),
                answer.path("registration_access_token").asText());
    }

    ClientId clientId() {
        return new ClientId(id);
    }

    /** An RFC 7592 §2.2 update: the valid fixture with its client_id, and the client name changed. */
    ObjectNode updateJson(String clientName) {
        ObjectNode json = ValidMetadata.json();
        json.put(ClientInformation.CLIENT_ID, id);
        json.put("client_name", clientName);
        return json;
    }

    ClientMetadata update(String clientName) {
        return ClientMetadata.of(updateJson(clientName));
    }
}
