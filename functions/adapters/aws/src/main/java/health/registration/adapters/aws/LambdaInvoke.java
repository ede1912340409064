package health.registration.adapters.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A synchronous Lambda Invoke ({@code POST /2015-03-31/functions/{name}/invocations} with
 * {@code X-Amz-Invocation-Type: RequestResponse}, Lambda API reference "Invoke"), signed and sent by
 * {@link SignedRequests}: all that the issuing functions ask of Lambda, without the Lambda client, whose service model
 * is the biggest part of a package (docs/performance-packages.md). Failures are {@link SdkClientException}s that never
 * carry the payload or the answer's body.
 */
public final class LambdaInvoke {

    /** The function failed (Lambda's {@code X-Amz-Function-Error}: "Handled" or "Unhandled"), or answered {@code payload}. */
    public record Answer(Optional<String> functionError, byte[] payload) {
        public Answer {
            Objects.requireNonNull(functionError);
            Objects.requireNonNull(payload);
        }
    }

    static final String SIGNING_NAME = "lambda";
    static final String PATH_PREFIX = "/2015-03-31/functions/";
    static final String PATH_SUFFIX = "/invocations";
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_LAMBDA";
    static final String ENDPOINTS_VARIABLE = SignedRequests.ENDPOINTS_VARIABLE;
    static final int ATTEMPTS = SignedRequests.ATTEMPTS;
    /**
     * How long an Invoke of the probe function may take to answer. The function's own timeout is 30 seconds
     * (template.yaml, {@code ProbeFunction}); waiting a little longer lets Lambda's timeout error, not a read timeout
     * here, end a probe that hangs.
     */
    static final Duration PROBE_INVOKE_READ_TIMEOUT = Duration.ofSeconds(35);

    private final SignedRequests requests;

    /**
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    Lambda's endpoint (scheme, host and port)
     * @param region      the region the request is signed for
     * @param credentials the signing credentials, resolved for every request
     */
    public LambdaInvoke(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.requests = new SignedRequests("Lambda", SIGNING_NAME, http, endpoint, region, credentials);
    }

    /** This container's invoker: {@link ClientSettings}' region and credentials, Lambda's endpoint, built on first use. */
    public static LambdaInvoke shared() {
        return Holder.INVOKE;
    }

    // The JVM initialises the holder, and so builds the invoker, on its first use only.
    private static final class Holder {
        static final LambdaInvoke INVOKE = ClientSettings.sender(
                UrlConnectionHttpClient.builder().socketTimeout(PROBE_INVOKE_READ_TIMEOUT).build(), LambdaInvoke::endpoint,
                LambdaInvoke::new);
    }

    /** Lambda's endpoint in {@code region}, or the one the environment sets as the SDK reads it. */
    static URI endpoint(Map<String, String> environment, Region region) {
        return SignedRequests.endpoint(environment, ENDPOINT_VARIABLE, SIGNING_NAME, region);
    }

    /** Invokes {@code functionName} (a name or ARN, with its alias) synchronously with {@code payload}. */
    public Answer invoke(String functionName, byte[] payload) {
        SignedRequests.Answer answer = requests.post(PATH_PREFIX + SdkHttpUtils.urlEncode(functionName) + PATH_SUFFIX,
                Map.of("X-Amz-Invocation-Type", "RequestResponse", "Content-Type", "application/json"), payload);
        return new Answer(answer.response().firstMatchingHeader("X-Amz-Function-Error"), answer.body());
    }
}
