package health.registration.adapters.keycloak;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Keycloak realm is and how to administer it: the server's base URL (no {@code /auth} suffix, as Keycloak
 * 17+ serves it), the realm that holds the registered clients, and an administrator of the master realm, whose
 * token comes from the master realm's {@code admin-cli} client (docs/operations/keycloak.md).
 */
public record KeycloakConnection(URI baseUrl, String realm, String username, String password) {

    public static final String BASE_URL = "KEYCLOAK_BASE_URL";
    public static final String REALM = "KEYCLOAK_REALM";
    public static final String ADMIN_USERNAME = "KEYCLOAK_ADMIN_USERNAME";
    public static final String ADMIN_PASSWORD = "KEYCLOAK_ADMIN_PASSWORD";

    public KeycloakConnection {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(BASE_URL + " must be an http or https URL, not " + baseUrl);
        }
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        baseUrl = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path.replaceAll("/+$", ""));
        if (realm == null || realm.isBlank() || username == null || username.isBlank() || password == null
                || password.isEmpty()) {
            throw new IllegalArgumentException("a realm, an administrator and a password are needed");
        }
    }

    /**
     * The connection the environment names; empty when {@value #BASE_URL} is not set (no Keycloak to keep in step).
     * Locally the password is {@value #ADMIN_PASSWORD}; in AWS it comes from Secrets Manager instead.
     */
    public static Optional<KeycloakConnection> fromEnvironment(Map<String, String> environment) {
        String baseUrl = environment.getOrDefault(BASE_URL, "");
        if (baseUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new KeycloakConnection(URI.create(baseUrl.strip()), environment.get(REALM),
                environment.get(ADMIN_USERNAME), environment.get(ADMIN_PASSWORD)));
    }

    /** Never the password: records print their components. */
    @Override
    public String toString() {
        return "KeycloakConnection[baseUrl=" + baseUrl + ", realm=" + realm + ", username=" + username + "]";
    }
}
