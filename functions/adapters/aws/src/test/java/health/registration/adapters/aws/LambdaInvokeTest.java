package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

class LambdaInvokeTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:registration-probe:live";

    private FakeLambda lambda;

    @BeforeEach
    void start() throws IOException {
        lambda = FakeLambda.start();
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    @Test
    void sendsTheRequestTheSdksLambdaClientSends() {
        lambda.answer(200, Map.of(), "{\"ok\":true}");
        try (LambdaClient sdk = lambda.client()) {
            sdk.invoke(r -> r.functionName(ARN).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String("{\"ping\":1}")));
        }
        LambdaInvoke.Answer answer = lambda.invoker().invoke(ARN, "{\"ping\":1}".getBytes(UTF_8));

        assertThat(new String(answer.payload(), UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(answer.functionError()).isEmpty();
        List<FakeLambda.Invocation> both = lambda.invocations();
        assertThat(both).hasSize(2);
        FakeLambda.Invocation expected = both.get(0);
        FakeLambda.Invocation sent = both.get(1);
        assertThat(sent.method()).isEqualTo(expected.method());
        assertThat(sent.rawPath()).isEqualTo(expected.rawPath());
        assertThat(sent.path()).isEqualTo("/2015-03-31/functions/" + ARN + "/invocations");
        assertThat(sent.body()).isEqualTo(expected.body());
        assertThat(sent.headers().get("X-amz-invocation-type")).isEqualTo(expected.headers().get("X-amz-invocation-type"));
        // Signed as the SDK signs: the same credential scope (date/region/service) and the same algorithm.
        assertThat(scope(sent)).isEqualTo(scope(expected)).matches("testing/\\d{8}/us-east-1/lambda/aws4_request");
        assertThat(authorization(sent)).startsWith("AWS4-HMAC-SHA256 ").contains("SignedHeaders=").contains("Signature=");
        assertThat(sent.headers()).containsKey("X-amz-date");
    }

    @Test
    void sessionCredentialsSendTheirToken() {
        // In Lambda the function's role gives session credentials: the token must go with the signed request.
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            LambdaInvoke invoke = new LambdaInvoke(http, lambda.endpoint(), Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIATESTING", "testing", "session-token")));
            invoke.invoke("probe", "{}".getBytes(UTF_8));
        }

        FakeLambda.Invocation sent = lambda.invocations().get(0);
        assertThat(sent.headers().get("X-amz-security-token")).containsExactly("session-token");
        assertThat(authorization(sent)).contains("x-amz-security-token");
    }

    @Test
    void functionErrorIsAnswered() {
        lambda.answer(200, Map.of("X-Amz-Function-Error", "Unhandled"), "{\"errorMessage\":\"boom\"}");

        LambdaInvoke.Answer answer = lambda.invoker().invoke("probe", "{}".getBytes(UTF_8));

        assertThat(answer.functionError()).contains("Unhandled");
    }

    @Test
    void throttlingIsRetriedUpToThreeAttemptsAndThenFailsWithoutTheBody() {
        lambda.answer(429, Map.of("x-amzn-ErrorType", "TooManyRequestsException"), "{\"message\":\"secret-ish\"}");

        assertThatThrownBy(() -> lambda.invoker().invoke("probe", "{}".getBytes(UTF_8)))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("TooManyRequestsException")
                .message().doesNotContain("secret-ish");
        assertThat(lambda.invocations()).hasSize(LambdaInvoke.ATTEMPTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x-amzn-ErrorType | ThrottlingException: | {}",
        " | | {\"__type\":\"com.amazonaws.events#ThrottlingException\",\"message\":\"Rate exceeded\"}",
    })
    void aThrottlingErrorTypeIsRetriedWhateverItsStatus(String header, String value, String body) {
        lambda.answer(400, header == null ? Map.of() : Map.of(header, value), body);

        assertThatThrownBy(() -> lambda.invoker().invoke("probe", "{}".getBytes(UTF_8)))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 400 (ThrottlingException)");
        assertThat(lambda.invocations()).hasSize(LambdaInvoke.ATTEMPTS);
    }

    @Test
    void aClientErrorIsNotRetried() {
        lambda.answer(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"), "{\"message\":\"no such function\"}");

        assertThatThrownBy(() -> lambda.invoker().invoke("probe", "{}".getBytes(UTF_8)))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 404 (ResourceNotFoundException)");
        assertThat(lambda.invocations()).hasSize(1);
    }

    private static String authorization(FakeLambda.Invocation invocation) {
        return invocation.headers().get("Authorization").get(0);
    }

    private static String scope(FakeLambda.Invocation invocation) {
        String header = authorization(invocation);
        int start = header.indexOf("Credential=") + "Credential=".length();
        return header.substring(start, header.indexOf(',', start));
    }
}
