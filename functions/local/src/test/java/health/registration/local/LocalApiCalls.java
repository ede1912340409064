package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to a local API the tests started: the one way the end-to-end tests call it. */
final class LocalApiCalls {

    /** An answer: its status and its JSON body ({@code {}} when the body is empty). */
    record Answer(int status, JsonNode json) {}

    /** The answer to a registration through {@code POST /register} and the credentials it issued (RFC 7591 §3.2.1). */
    record Registered(JsonNode json) {
        String clientId() {
            return json.path("client_id").asText();
        }

        String secret() {
            return json.path("client_secret").asText();
        }

        String registrationAccessToken() {
            return json.path("registration_access_token").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalApiCalls() {}

    /**
     * Sends {@code method path} (path with its leading slash) to the API at {@code base}, with {@code body} as JSON
     * when given and {@code token} as a bearer token when given.
     */
    static Answer send(URI base, String method, String path, JsonNode body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(120)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(),
                response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }

    /** Registers the metadata through {@code POST /register} at {@code base} and asserts 201 Created. */
    static Registered register(URI base, JsonNode metadata) throws Exception {
        Answer answer = send(base, "POST", "/register", metadata, null);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(201);
        return new Registered(answer.json());
    }
}
