package health.registration.adapters.keycloak;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.Map;

/**
 * The real Keycloak the ITs run against: {@code scripts/test}, or {@code source scripts/lib/keycloak.sh &&
 * start_keycloak}, starts it on 127.0.0.136 and exports its URL and administrator. Tests fail, never skip, when it is
 * missing or anywhere but that loopback address, so that no test can reach a Keycloak elsewhere.
 */
final class KeycloakServer {

    private static final String HOW = "run the Keycloak tests through scripts/test, or "
            + "`source scripts/lib/keycloak.sh && start_keycloak` first";

    private KeycloakServer() {}

    /** The connection to a new realm of that server (the realm itself is the test's to create). */
    static KeycloakConnection connection(String realm) {
        Map<String, String> environment = System.getenv();
        String value = environment.get(KeycloakConnection.BASE_URL);
        if (value == null || value.isBlank()) {
            fail(KeycloakConnection.BASE_URL + " is not set: " + HOW);
        }
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) || !"127.0.0.136".equals(uri.getHost()) || uri.getPort() < 1) {
            fail(KeycloakConnection.BASE_URL + " must be http://127.0.0.136:<port>, not " + value + ": " + HOW);
        }
        return new KeycloakConnection(uri, realm, environment.get(KeycloakConnection.ADMIN_USERNAME),
                environment.get(KeycloakConnection.ADMIN_PASSWORD));
    }
}
