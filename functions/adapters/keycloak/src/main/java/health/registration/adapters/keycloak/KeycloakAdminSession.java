package health.registration.adapters.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.connector.AuthorizationServerUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Calls to Keycloak's admin REST API as the master realm's administrator: an access token from the master realm's
 * {@code admin-cli} client (RFC 6749 §4.3, password grant, as Keycloak's own admin CLI gets it), kept until shortly
 * before it expires and fetched again once when a call answers 401. Failures become
 * {@link AuthorizationServerUnavailable} naming the call and the status, never a credential.
 */
public final class KeycloakAdminSession {

    /** What Keycloak answered: the status, the JSON body (missing when there is none) and a Location header. */
    public record Answer(int status, JsonNode body, Optional<String> location) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /** Fetched again this long before expiry, so a token never expires between the check and Keycloak's own. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

    private final KeycloakConnection connection;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    public KeycloakAdminSession(KeycloakConnection connection) {
        // No redirects and no proxy: the admin API is where the operator configured it, or nowhere.
        this(connection, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build(), Clock.systemUTC());
    }

    KeycloakAdminSession(KeycloakConnection connection, HttpClient http, Clock clock) {
        this.connection = connection;
        this.http = http;
        this.clock = clock;
    }

    public KeycloakConnection connection() {
        return connection;
    }

    /** One admin call; {@code path} starts with {@code /admin/}, {@code body} may be null. */
    public synchronized Answer call(String method, String path, JsonNode body) {
        Answer answer = send(method, path, body, adminToken());
        if (answer.status() == 401) {
            token = null;
            answer = send(method, path, body, adminToken());
        }
        return answer;
    }

    /** One admin call that must succeed (2xx). */
    public Answer require(String method, String path, JsonNode body) {
        Answer answer = call(method, path, body);
        if (!answer.succeeded()) {
            throw failure(method, path, answer);
        }
        return answer;
    }

    /** The failure of a call that answered {@code answer}: the call, the status and Keycloak's own words. */
    public static AuthorizationServerUnavailable failure(String method, String path, Answer answer) {
        return new AuthorizationServerUnavailable("keycloak: " + method + " " + path + " answered "
                + answer.status() + describe(answer.body()));
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(String method, String path, JsonNode body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.baseUrl() + path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return exchange(request.build(), method + " " + path);
    }

    private String adminToken() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + segment(connection.username())
                + "&password=" + segment(connection.password());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(connection.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Answer answer = exchange(request, "the administrator's token");
        String accessToken = answer.body().path("access_token").asText("");
        if (!answer.succeeded() || accessToken.isEmpty()) {
            throw new AuthorizationServerUnavailable("keycloak: the master realm refused the administrator's token ("
                    + answer.status() + describe(answer.body()) + ")");
        }
        token = accessToken;
        tokenExpires = now.plusSeconds(answer.body().path("expires_in").asLong(60)).minus(TOKEN_MARGIN);
        return token;
    }

    private Answer exchange(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : parse(text);
            return new Answer(response.statusCode(), body, response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new AuthorizationServerUnavailable("keycloak: " + what + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthorizationServerUnavailable("keycloak: " + what + " was interrupted", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** Keycloak's own error words (errorMessage, or error and error_description), at most 200 characters. */
    private static String describe(JsonNode body) {
        String words = body.path("errorMessage").asText(
                (body.path("error").asText("") + " " + body.path("error_description").asText("")).strip());
        if (words.isEmpty()) {
            return "";
        }
        return ": " + (words.length() > 200 ? words.substring(0, 200) + "..." : words);
    }
}
