package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
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
    private final LambdaLogger log = new LambdaLogger() {
        @Override
        public void log(String message) {
            logged.add(message);
        }

        @Override
        public void log(byte[] message) {
            logged.add(new String(message));
        }
    };
    private final ApiRequest request = new ApiRequest("POST", "/x", Map.of(), Map.of(), "{\"secret\":\"s3cr3t\"}", false, "req-1");

    @Test
    void passesTheHandlersAnswerThrough() {
        ApiResponse ok = ApiResponse.json(201, "{}");

        assertThat(ApiInvocation.answer("f", request, log, (r, l) -> ok)).isSameAs(ok);
        assertThat(logged).isEmpty();
    }

    @Test
    void answers503WhenAStoreIsUnavailableAndLogsItsMessageOnce() {
        ApiResponse answer = ApiInvocation.answer("f", request, log, (r, l) -> {
            throw new StoreUnavailable("PutItem on the clients table failed", new RuntimeException("s3cr3t in a cause"));
        });

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
        assertThat(logged).singleElement().asString().contains("req-1").contains("PutItem").doesNotContain("s3cr3t");
    }

    @Test
    void answers503NamingTheSettingOfASecretNotMadeYetAndLogsTheSecretsNameAsAnError() {
        RefreshingSecret<String> anchors = new RefreshingSecret<>("UDAP_TRUST_ANCHORS_SECRET (udap/anchors)", () -> {
            throw new StoreUnavailable("GetSecretValue of udap/anchors: ResourceNotFoundException", null);
        }, text -> text, RefreshingSecret.Timing.DEFAULT, Clock.systemUTC(), line -> { });

        ApiResponse answer = ApiInvocation.answer("f", request, log, (r, l) -> ApiResponse.json(200, anchors.get()));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
        assertThat(answer.body()).contains("\"error\":\"temporarily_unavailable\"").contains("UDAP_TRUST_ANCHORS_SECRET")
                .doesNotContain("udap/anchors");
        assertThat(logged).singleElement().asString().startsWith("ERROR f requestId=req-1")
                .contains("UDAP_TRUST_ANCHORS_SECRET (udap/anchors)");
    }

    @Test
    void answers409WhenAWriteLostToAConcurrentChangeOfTheSameRecord() {
        ApiResponse answer = ApiInvocation.answer("f", request, log, (r, l) -> {
            throw new WriteConflict("the client record changed since it was read");
        });

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.headers()).containsEntry("Retry-After", "1");
        assertThat(answer.body()).contains("\"error\":\"invalid_request\"").contains("error_description");
        assertThat(logged).singleElement().asString().contains("req-1").contains("conflict");
    }

    @Test
    void answers500WithoutDetailForAnythingElseAndLogsOnlyTheExceptionClass() {
        ApiResponse answer = ApiInvocation.answer("f", request, log, (r, l) -> {
            throw new IllegalStateException("body was {\"secret\":\"s3cr3t\"}");
        });

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("IllegalState").doesNotContain("s3cr3t");
        assertThat(logged).singleElement().asString().contains("java.lang.IllegalStateException").doesNotContain("s3cr3t");
    }

    @Test
    void answers405WithAllowBeforeTheHandlerForAMethodTheResourceDoesNotAnswer() {
        ApiRequest delete = new ApiRequest("DELETE", "/register", Map.of(), Map.of(), Map.of(), null, false, "req-2", null,
                null, "/register");

        ApiResponse answer = ApiInvocation.answer("f", delete, log, (r, l) -> {
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

        assertThat(ApiInvocation.answer("f", read, log, (r, l) -> ok)).isSameAs(ok);
        assertThat(ApiInvocation.answer("f", unnamed, log, (r, l) -> ok)).isSameAs(ok);
        assertThat(ApiInvocation.answer("f", request, log, (r, l) -> ok)).as("no resource: a direct invocation").isSameAs(ok);
    }
}
