package health.registration.adapters.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the Keycloak realm is and how to administer it: the server's base URL (no {@code /auth} suffix, as Keycloak
 * 17+ serves it), the realm that holds the registered clients, and an administrator of the master realm, whose
 * token comes from the master realm's {@code admin-cli} client (docs/operations/keycloak.md).
 */
public record KeycloakConnection(URI baseUrl, String realm, String username, String password) {

    /**
     * The Keycloak server whose realm is kept in step with the registry, e.g. {@code https://auth.example.org} (no
     * {@code /auth} suffix); unset: no Keycloak. {@code scripts/lib/keycloak.sh} sets it to its loopback server
     * (docs/operations/keycloak.md).
     */
    public static final String BASE_URL = "KEYCLOAK_BASE_URL";
    /** The Keycloak realm that holds one client per registration. */
    public static final String REALM = "KEYCLOAK_REALM";
    /** An administrator of Keycloak's master realm, whose token comes from its {@code admin-cli} client. */
    public static final String ADMIN_USERNAME = "KEYCLOAK_ADMIN_USERNAME";
    /** That administrator's password (locally; never logged). */
    public static final String ADMIN_PASSWORD = "KEYCLOAK_ADMIN_PASSWORD";
    /**
     * In AWS: the name of the Secrets Manager secret holding that administrator as JSON,
     * {@code {"username": "...", "password": "..."}}, read by the connector function's role; when set it takes the
     * place of {@code KEYCLOAK_ADMIN_USERNAME} and {@code KEYCLOAK_ADMIN_PASSWORD} (docs/operations/keycloak.md).
     */
    public static final String ADMIN_CREDENTIALS_SECRET = "KEYCLOAK_ADMIN_CREDENTIALS_SECRET";

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * The connection the environment names, the administrator read through {@code secretText} (a secret's name to
     * its text) when {@value #ADMIN_CREDENTIALS_SECRET} is set; empty when {@value #BASE_URL} is not set.
     *
     * @throws IllegalArgumentException when the secret is not {@code {"username", "password"}} JSON (the message
     *     names the setting, never the secret's content)
     */
    public static Optional<KeycloakConnection> fromEnvironment(Map<String, String> environment,
            Function<String, String> secretText) {
        String secret = environment.getOrDefault(ADMIN_CREDENTIALS_SECRET, "");
        if (secret.isBlank()) {
            return fromEnvironment(environment);
        }
        String baseUrl = environment.getOrDefault(BASE_URL, "");
        if (baseUrl.isBlank()) {
            return Optional.empty();
        }
        JsonNode administrator;
        try {
            administrator = JSON.readTree(secretText.apply(secret.strip()));
        } catch (IOException | RuntimeException e) {
            administrator = null;
        }
        if (administrator == null || !administrator.path("username").isTextual()
                || !administrator.path("password").isTextual()) {
            throw new IllegalArgumentException("the secret " + ADMIN_CREDENTIALS_SECRET
                    + " names is not JSON with a username and a password");
        }
        return Optional.of(new KeycloakConnection(URI.create(baseUrl.strip()), environment.get(REALM),
                administrator.get("username").asText(), administrator.get("password").asText()));
    }

    /** Never the password: records print their components. */
    @Override
    public String toString() {
        return "KeycloakConnection[baseUrl=" + baseUrl + ", realm=" + realm + ", username=" + username + "]";
    }
}
