package health.registration.adapters.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.ClientAuthentication;

/**
 * A registered client as Keycloak's admin REST API takes it (its {@code ClientRepresentation}); the mapping of
 * docs/operations/keycloak.md. Every member this service decides is always written, so that a replacement (Keycloak
 * updates only the members a request names) leaves nothing of an earlier registration behind.
 */
final class KeycloakClientRepresentation {

    /** The attribute that marks a client as this service's, so a listing never touches Keycloak's own clients. */
    static final String MANAGED_ATTRIBUTE = "client-registration.managed";
    /**
     * The registry version the client's state comes from, so that an older change event never overwrites a newer
     * one (docs/operations/authorization-server.md, "Ordering and repeats").
     */
    static final String VERSION_ATTRIBUTE = "client-registration.version";
    static final String CLIENT_ID = "clientId";
    static final String ENABLED = "enabled";
    static final String ATTRIBUTES = "attributes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakClientRepresentation() {}

    static ObjectNode of(AuthorizationServerClient client) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        boolean publicClient = client.authentication() == ClientAuthentication.NONE;
        ObjectNode representation = json.objectNode()
                .put(CLIENT_ID, client.clientId())
                .put(ENABLED, client.enabled())
                .put("protocol", "openid-connect")
                .put("publicClient", publicClient)
                // RFC 7591 §2 grant_types: authorization_code is the standard flow, client_credentials the service
                // account (which Keycloak allows a confidential client only); nothing else is offered.
                .put("standardFlowEnabled", client.grantTypes().contains("authorization_code"))
                .put("serviceAccountsEnabled", !publicClient && client.grantTypes().contains("client_credentials"))
                .put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", false)
                .put("clientAuthenticatorType", client.authentication() == ClientAuthentication.PRIVATE_KEY_JWT
                        ? "client-jwt" : "client-secret");
        representation.set("redirectUris", json.arrayNode().addAll(client.redirectUris().stream()
                .map(json::textNode).toList()));
        // The issued secret itself, so the client's one credential works at both (RFC 7591 §3.2.1 client_secret).
        client.secret().ifPresent(secret -> representation.put("secret", secret));
        ObjectNode attributes = representation.putObject(ATTRIBUTES)
                .put(MANAGED_ATTRIBUTE, "true")
                .put(VERSION_ATTRIBUTE, Long.toString(client.version()))
                .put("use.refresh.tokens", Boolean.toString(client.grantTypes().contains("refresh_token")))
                .put("client_credentials.use_refresh_token", "false")
                // RFC 7523 §2.2: the client's assertion is checked against the keys it registered (a UDAP
                // client's certificate key); an empty value removes what an earlier registration left.
                .put("use.jwks.url", "false")
                .put("use.jwks.string", Boolean.toString(client.jwks().isPresent()))
                .put("jwks.string", client.jwks().map(KeycloakClientRepresentation::signatureKeys).orElse(""));
        return representation;
    }

    /**
     * The client's JWK Set with {@code "use": "sig"} on every key that names no use: Keycloak checks a client
     * assertion only with keys marked for signatures, while RFC 7517 §4.2 makes {@code use} optional (a UDAP client's
     * certificate key is often published without it). Keys marked for anything else stay as they are, and so unused.
     */
    static String signatureKeys(String jwks) {
        JsonNode set;
        try {
            set = JSON.readTree(jwks);
        } catch (JsonProcessingException e) {
            return jwks; // not a JWK Set: Keycloak will find no key in it and refuse every assertion
        }
        for (JsonNode key : set.path("keys")) {
            if (key instanceof ObjectNode object && !object.has("use")) {
                object.put("use", "sig");
            }
        }
        return set.toString();
    }

    /** The version the client was last written with; 0 when it carries none. */
    static long version(JsonNode representation) {
        try {
            return Long.parseLong(representation.path(ATTRIBUTES).path(VERSION_ATTRIBUTE).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static AuthorizationServerClient.Listed listed(JsonNode representation) {
        return new AuthorizationServerClient.Listed(representation.path(CLIENT_ID).asText(),
                representation.path(ENABLED).asBoolean(), version(representation));
    }

    static boolean isManaged(JsonNode representation) {
        return "true".equals(representation.path(ATTRIBUTES).path(MANAGED_ATTRIBUTE).asText());
    }
}
