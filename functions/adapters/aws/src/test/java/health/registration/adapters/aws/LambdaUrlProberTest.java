package health.registration.adapters.aws;

import health.registration.testkit.DeadEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeReportJson;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class LambdaUrlProberTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "registration-probe:live";

    private FakeLambda lambda;
    private LambdaInvoke client;

    @BeforeEach
    void start() throws IOException {
        lambda = FakeLambda.start();
        client = lambda.invoker();
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    @Test
    void invokesTheFunctionSynchronouslyWithTheMetadataAndReturnsItsReport() throws IOException {
        lambda.answer(200, Map.of(), ProbeReportJson.write(ProbeSamples.report()).toString());

        var report = new LambdaUrlProber(client, FUNCTION).probe(ProbeSamples.metadata());

        assertThat(report).isEqualTo(ProbeSamples.report());
        assertThat(lambda.invocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.method()).isEqualTo("POST");
            assertThat(invocation.path()).isEqualTo("/2015-03-31/functions/" + FUNCTION + "/invocations");
            assertThat(invocation.headers().get("X-amz-invocation-type")).containsExactly("RequestResponse");
            assertThat(JSON.readTree(invocation.body()))
                    .isEqualTo(JSON.createObjectNode().set(ProbeInvocation.METADATA, ProbeSamples.metadata().toJson()));
        });
    }

    @Test
    void functionErrorIsUnavailableAndKeepsThePayloadOutOfTheMessage() {
        lambda.answer(200, Map.of("X-Amz-Function-Error", "Unhandled"),
                "{\"errorMessage\":\"Task timed out probing https://app.example.org/?token=secret-ish\"}");

        assertThatThrownBy(() -> new LambdaUrlProber(client, FUNCTION).probe(ProbeSamples.metadata()))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("the probe function did not answer")
                .hasMessageContaining("Unhandled")
                .hasNoCause()
                .message().doesNotContain("token");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all token=secret-ish",          // not JSON
            "",                                           // nothing
            "{}",                                         // JSON without results
            "{\"error\":\"invalid_request\",\"error_description\":\"A probe invocation carries metadata.\"}",
            "{\"results\":[{\"field\":\"token=secret-ish\"}]}", // results that are not probe results
            "{\"results\":[{\"field\":\"/redirect_uris/0\",\"outcome\":\"exploded\",\"verdict\":\"pass\"}]}",
    })
    void answerThatIsNotAReportIsUnavailableWithoutQuotingIt(String payload) {
        lambda.answer(200, Map.of(), payload);

        assertThatThrownBy(() -> new LambdaUrlProber(client, FUNCTION).probe(ProbeSamples.metadata()))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("the probe function did not answer")
                .hasNoCause()
                .message().doesNotContain("secret-ish");
    }

    @Test
    void lambdaServiceErrorIsUnavailable() {
        lambda.answer(429, Map.of("x-amzn-ErrorType", "TooManyRequestsException"),
                "{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"message\":\"Rate Exceeded.\"}");

        assertThatThrownBy(() -> new LambdaUrlProber(client, FUNCTION).probe(ProbeSamples.metadata()))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("the probe function did not answer");
    }

    @Test
    void unreachableLambdaIsUnavailable() {
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            LambdaInvoke dead = FakeLambda.invokerFor(http, DeadEndpoint.uri());
            assertThatThrownBy(() -> new LambdaUrlProber(dead, FUNCTION).probe(ProbeSamples.metadata()))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("the probe function did not answer")
                    .hasCauseInstanceOf(SdkClientException.class);
        }
    }
}
