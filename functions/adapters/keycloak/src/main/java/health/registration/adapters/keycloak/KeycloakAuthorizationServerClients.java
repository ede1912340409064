package health.registration.adapters.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.AuthorizationServerClients;
import health.registration.core.connector.AuthorizationServerUnavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clients of one Keycloak realm, through the admin REST API's {@code /admin/realms/{realm}/clients}. Keycloak
 * addresses a client by its own id, so every call first looks the {@code client_id} up (an exact search).
 */
public final class KeycloakAuthorizationServerClients implements AuthorizationServerClients {

    private static final int PAGE = 100;

    private final KeycloakAdminSession session;
    private final String clients;

    public KeycloakAuthorizationServerClients(KeycloakAdminSession session) {
        this.session = session;
        this.clients = "/admin/realms/" + KeycloakAdminSession.segment(session.connection().realm()) + "/clients";
    }

    @Override
    public void upsert(AuthorizationServerClient client) {
        ObjectNode representation = KeycloakClientRepresentation.of(client);
        Optional<String> id = representation(client.clientId()).map(KeycloakAuthorizationServerClients::id);
        if (id.isEmpty()) {
            KeycloakAdminSession.Answer created = session.call("POST", clients, representation);
            if (created.succeeded()) {
                return;
            }
            if (created.status() != 409) { // 409: created meanwhile by another call; replace it below
                throw KeycloakAdminSession.failure("POST", clients, created);
            }
            id = representation(client.clientId()).map(KeycloakAuthorizationServerClients::id);
        }
        String path = clients + "/" + id.orElseThrow(() -> new AuthorizationServerUnavailable(
                "keycloak: client " + client.clientId() + " vanished while it was written"));
        session.require("PUT", path, representation);
    }

    @Override
    public boolean setEnabled(String clientId, boolean enabled) {
        Optional<JsonNode> found = representation(clientId);
        if (found.isEmpty()) {
            return false;
        }
        ObjectNode representation = (ObjectNode) found.get();
        representation.put(KeycloakClientRepresentation.ENABLED, enabled);
        session.require("PUT", clients + "/" + id(representation), representation);
        return true;
    }

    @Override
    public boolean delete(String clientId) {
        Optional<JsonNode> found = representation(clientId);
        if (found.isEmpty()) {
            return false;
        }
        String path = clients + "/" + id(found.get());
        KeycloakAdminSession.Answer answer = session.call("DELETE", path, null);
        if (answer.status() == 404) { // removed meanwhile by another call
            return false;
        }
        if (!answer.succeeded()) {
            throw KeycloakAdminSession.failure("DELETE", path, answer);
        }
        return true;
    }

    @Override
    public List<AuthorizationServerClient.Listed> list() {
        List<AuthorizationServerClient.Listed> listed = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = session.require("GET", clients + "?first=" + first + "&max=" + PAGE, null).body();
            for (JsonNode representation : page) {
                if (KeycloakClientRepresentation.isManaged(representation)) {
                    listed.add(KeycloakClientRepresentation.listed(representation));
                }
            }
            if (page.size() < PAGE) {
                return listed;
            }
        }
    }

    @Override
    public Optional<AuthorizationServerClient.Listed> find(String clientId) {
        return representation(clientId).filter(KeycloakClientRepresentation::isManaged)
                .map(KeycloakClientRepresentation::listed);
    }

    /** The realm's client with exactly this {@code client_id}; {@code search=false} asks for an exact match. */
    private Optional<JsonNode> representation(String clientId) {
        JsonNode found = session.require("GET", clients + "?search=false&clientId="
                + KeycloakAdminSession.segment(clientId), null).body();
        for (JsonNode representation : found) {
            if (clientId.equals(representation.path(KeycloakClientRepresentation.CLIENT_ID).asText())) {
                return Optional.of(representation);
            }
        }
        return Optional.empty();
    }

    private static String id(JsonNode representation) {
        return KeycloakAdminSession.segment(representation.path("id").asText());
    }
}
