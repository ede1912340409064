package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@link RegistrationFuzzIT}'s requests with a small pool and judges each answer as it comes: no status of 500
 * or more; every 4xx an RFC 7591 error object ({@code error} and {@code error_description} strings, and the
 * {@code errors} list on a 400 about the metadata, as the API promises); every 200 and 201 JSON. Keeps the registrations made, by client
 * id, with their secret and registration access token, for the checks that follow.
 */
final class FuzzAnswers {

    /** A registration answered 200 or 201: its client id, and its secret and token when it was given them. */
    record Registration(String clientId, String secret, String token) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The errors about the metadata, which the API answers with the list of problems (docs/api/registration.md). */
    private static final Set<String> METADATA_ERRORS = Set.of("invalid_client_metadata", "invalid_redirect_uri",
            "invalid_software_statement", "unapproved_software_statement");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    FuzzAnswers(URI base) {
        this.base = base;
    }

    /** Sends every request on {@code threads} threads and waits for the last answer. */
    void sendAll(List<FuzzRequest> requests, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        requests.forEach(request -> pool.execute(() -> judge(request, send(request))));
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            problems.add("the fuzz run did not finish within 10 minutes");
        }
    }

    private HttpResponse<String> send(FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path())).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body().bytes()));
        if (!request.contentType().isEmpty()) {
            builder.header("Content-Type", request.contentType());
        }
        request.idempotencyKey().ifPresent(key -> {
            try {
                builder.header("Idempotency-Key", key);
            } catch (IllegalArgumentException notSendable) {
                // The JDK will not send it as a header value (empty or not visible ASCII): sent without one.
            }
        });
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failed) {
            problems.add("#" + request.number() + " " + request.kind() + ": no answer (" + failed + ")");
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void judge(FuzzRequest request, HttpResponse<String> answer) {
        if (answer == null) {
            return;
        }
        int status = answer.statusCode();
        statuses.merge(request.path() + " " + status, 1, Integer::sum);
        if (status >= 500) {
            problem(request, answer, "a server error");
            return;
        }
        JsonNode body = parse(answer.body());
        if (body == null || !body.isObject()) {
            problem(request, answer, "an answer that is not a JSON object");
        } else if (status >= 400) {
            judgeError(request, answer, body);
        } else if (request.path().equals("register")) {
            keepRegistration(request, answer, body);
        }
    }

    private void judgeError(FuzzRequest request, HttpResponse<String> answer, JsonNode body) {
        if (!body.path("error").isTextual() || !body.path("error_description").isTextual()) {
            problem(request, answer, "an error without the RFC 7591 error and error_description strings");
        } else if (answer.statusCode() == 400 && METADATA_ERRORS.contains(body.path("error").asText())
                && !body.path("errors").isArray()) {
            problem(request, answer, "a 400 about the metadata without the errors list");
        }
    }

    private void keepRegistration(FuzzRequest request, HttpResponse<String> answer, JsonNode body) {
        String clientId = body.path("client_id").asText("");
        if (clientId.isEmpty()) {
            problem(request, answer, "a registration answer without client_id");
            return;
        }
        registrations.merge(clientId, new Registration(clientId, body.path("client_secret").asText(null),
                body.path("registration_access_token").asText(null)), (first, later) -> later.token() == null ? first : later);
    }

    private void problem(FuzzRequest request, HttpResponse<String> answer, String what) {
        String text = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
        problems.add("#" + request.number() + " " + request.kind() + ": " + what + " (" + answer.statusCode() + " "
                + text + ")");
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Requests per path and status, sorted. */
    Map<String, Integer> statuses() {
        return new TreeMap<>(statuses);
    }

    List<String> problems() {
        return problems;
    }

    Map<String, Registration> registrations() {
        return registrations;
    }

    HttpClient http() {
        return http;
    }
}
