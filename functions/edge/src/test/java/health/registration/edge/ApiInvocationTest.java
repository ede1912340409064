package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiInvocationTest {

    private final List<String> logged = new ArrayList<>();
    private final List<LogLevel> levels = new ArrayList<>();
    private final LambdaLogger sink = new LambdaLogger() {
        @Override
        public void log(String message) {
            logged.add(message);
        }

        @Override
        public void log(byte[] message) {
            logged.add(new String(message));
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            levels.add(level);
            log(message);
        }
    };
    private final RequestLog log = new RequestLog(sink, LogLevel.INFO, Clock.systemUTC(), "f", "lambda-1", null, null);
    private final ApiRequest request = new ApiRequest("POST", "/x", Map.of(), Map.of(), "{\"secret\":\"s3cr3t\"}", false, "req-1");

    @Test
    void passesTheHandlersAnswerThrough() {
        ApiResponse ok = ApiResponse.json(201, "{}");

        assertThat(ApiInvocation.answer(request, log, (r, l) -> ok)).isSameAs(ok);
        assertThat(logged).isEmpty();
    }

    @Test
    void answers503WhenAStoreIsUnavailableAndLogsItsMessageOnce() {
        ApiResponse answer = ApiInvocation.answer(request, log, (r, l) -> {
            throw new StoreUnavailable("PutItem on the clients table failed", new RuntimeException("s3cr3t in a cause"));
        });

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
        assertThat(logged).singleElement().asString().contains("req-1").contains("PutItem").doesNotContain("s3cr3t");
        assertThat(levels).containsExactly(LogLevel.WARN);
    }

    @Test
    void answers503NamingTheSettingOfASecretNotMadeYetAndLogsTheSecretsNameAsAnError() {
        RefreshingSecret<String> anchors = new RefreshingSecret<>("UDAP_TRUST_ANCHORS_SECRET (udap/anchors)", () -> {
            throw new StoreUnavailable("GetSecretValue of udap/anchors: ResourceNotFoundException", null);
        }, text -> text, RefreshingSecret.Timing.DEFAULT, Clock.systemUTC(), line -> { });

        ApiResponse answer = ApiInvocation.answer(request, log, (r, l) -> ApiResponse.json(200, anchors.get()));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
        assertThat(answer.body()).contains("\"error\":\"temporarily_unavailable\"").contains("UDAP_TRUST_ANCHORS_SECRET")
                .doesNotContain("udap/anchors");
        assertThat(logged).singleElement().asString().contains("UDAP_TRUST_ANCHORS_SECRET (udap/anchors)");
        assertThat(line().path("level").asText()).isEqualTo("ERROR");
        assertThat(line().path("apiRequestId").asText()).isEqualTo("req-1");
        assertThat(levels).containsExactly(LogLevel.ERROR);
    }

    @Test
    void answers409WhenAWriteLostToAConcurrentChangeOfTheSameRecord() {
        ApiResponse answer = ApiInvocation.answer(request, log, (r, l) -> {
            throw new WriteConflict("the client record changed since it was read");
        });

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.headers()).containsEntry("Retry-After", "1");
        assertThat(answer.body()).contains("\"error\":\"invalid_request\"").contains("error_description");
        assertThat(logged).singleElement().asString().contains("req-1").contains("conflict");
    }

    @Test
    void answers500WithoutDetailForAnythingElseAndLogsTheErrorWithItsStackAsAnError() {
        ApiResponse answer = ApiInvocation.answer(request, log, (r, l) -> {
            throw new IllegalStateException("body was {\"secret\":\"s3cr3t\"}");
        });

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("IllegalState").doesNotContain("s3cr3t");
        assertThat(logged).singleElement().asString().contains("java.lang.IllegalStateException").doesNotContain("s3cr3t");
        JsonNode error = line().path("error");
        assertThat(error.path("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("message").asText()).startsWith("body was {\"secret\":");
        assertThat(error.path("stack").get(0).asText()).contains("ApiInvocationTest");
        assertThat(line().path("level").asText()).isEqualTo("ERROR");
        assertThat(line().path("AWSRequestId").asText()).isEqualTo("lambda-1");
        assertThat(levels).containsExactly(LogLevel.ERROR);
    }

    @Test
    void passesTheApiRequestIdToTheProbeFunctionWhileTheHandlerRunsAndNotAfter() {
        List<JsonNode> payloads = new ArrayList<>();

        ApiInvocation.answer(request, log, (r, l) -> {
            payloads.add(ProbeInvocation.fromCaller(ProbeInvocation.crlRequest("https://ca.example.com/ca.crl")));
            return ApiResponse.json(200, "{}");
        });

        assertThat(payloads).singleElement().satisfies(payload ->
                assertThat(payload.path(ProbeInvocation.CALLER_REQUEST_ID).asText()).isEqualTo("req-1"));
        assertThat(ProbeInvocation.fromCaller(ProbeInvocation.crlRequest("https://ca.example.com/ca.crl"))
                .has(ProbeInvocation.CALLER_REQUEST_ID)).isFalse();
    }

    @Test
    void writesTheStatusAndTimeOfEveryAnswerAtDebugOnly() {
        RequestLog debug = new RequestLog(sink, LogLevel.DEBUG, Clock.systemUTC(), "f", "lambda-1", null, null);

        ApiInvocation.answer(request, debug, (r, l) -> ApiResponse.json(201, "{}"));

        assertThat(levels).containsExactly(LogLevel.DEBUG);
        assertThat(line().path("status").asInt()).isEqualTo(201);
        assertThat(line().path("message").asText()).startsWith("answered POST");
        assertThat(line().has("elapsedMs")).isTrue();
    }

    @Test
    void makesTheRequestsLogTheCurrentOneWhileTheHandlerRuns() {
        ApiInvocation.answer(request, log, (r, l) -> {
            RequestLog.current().info("from a port");
            return ApiResponse.json(200, "{}");
        });

        assertThat(line().path("apiRequestId").asText()).isEqualTo("req-1");
        assertThat(line().path("message").asText()).isEqualTo("from a port");
    }

    private JsonNode line() {
        try {
            return new ObjectMapper().readTree(logged.get(logged.size() - 1));
        } catch (Exception unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    @Test
    void answers405WithAllowBeforeTheHandlerForAMethodTheResourceDoesNotAnswer() {
        ApiRequest delete = new ApiRequest("DELETE", "/register", Map.of(), Map.of(), Map.of(), null, false, "req-2", null,
                null, "/register");

        ApiResponse answer = ApiInvocation.answer(delete, log, (r, l) -> {
            throw new AssertionError("the handler must not run");
        });

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers()).containsEntry("Allow", "POST");
        assertThat(logged).singleElement().asString().contains("req-2").contains("method not allowed");
    }

    @Test
    void handsDeclaredMethodsAndRequestsWithoutAKnownResourceToTheHandler() {
        ApiResponse ok = ApiResponse.json(200, "{}");
        ApiRequest read = new ApiRequest("get", "/register/abc", Map.of(), Map.of(), Map.of(), null, false, "req-3", null,
                null, "/register/{client_id}");
        ApiRequest unnamed = new ApiRequest("PATCH", "/anything", Map.of(), Map.of(), Map.of(), null, false, "req-4", null,
                null, null);

        assertThat(ApiInvocation.answer(read, log, (r, l) -> ok)).isSameAs(ok);
        assertThat(ApiInvocation.answer(unnamed, log, (r, l) -> ok)).isSameAs(ok);
        assertThat(ApiInvocation.answer(request, log, (r, l) -> ok)).as("no resource: a direct invocation").isSameAs(ok);
    }
}
