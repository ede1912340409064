package health.registration.adapters.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A synchronous Lambda Invoke ({@code POST /2015-03-31/functions/{name}/invocations} with
 * {@code X-Amz-Invocation-Type: RequestResponse}, Lambda API reference "Invoke"), signed with Signature Version 4 by
 * the SDK's own signer and sent through the SDK's url-connection HTTP client: all that the issuing functions ask of
 * Lambda, without the Lambda client, whose service model is the biggest part of a package (docs/performance-packages.md).
 * The endpoint is the one the SDK's clients use: {@code AWS_ENDPOINT_URL_LAMBDA} or {@code AWS_ENDPOINT_URL} when set
 * (the moto server locally), else {@code https://lambda.<region>.<partition's DNS suffix>}. Throttling (429), server
 * errors (5xx) and failed connections are retried as the SDK's standard retry strategy does (three attempts in all,
 * jittered exponential back-off from 100 ms); any other status is a failure. Failures are {@link SdkClientException}s
 * that never carry the payload or the answer's body.
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
    static final String ENDPOINTS_VARIABLE = "AWS_ENDPOINT_URL";
    static final int ATTEMPTS = 3;
    /**
     * How long an Invoke of the probe function may take to answer. The function's own timeout is 30 seconds
     * (template.yaml, {@code ProbeFunction}); waiting a little longer lets Lambda's timeout error, not a read timeout
     * here, end a probe that hangs.
     */
    static final Duration PROBE_INVOKE_READ_TIMEOUT = Duration.ofSeconds(35);
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SdkHttpClient http;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    /**
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    Lambda's endpoint (scheme, host and port)
     * @param region      the region the request is signed for
     * @param credentials the signing credentials, resolved for every request
     */
    public LambdaInvoke(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.http = Objects.requireNonNull(http);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.region = Objects.requireNonNull(region);
        this.credentials = Objects.requireNonNull(credentials);
    }

    /** This container's invoker: {@link ClientSettings}' region and credentials, Lambda's endpoint, built on first use. */
    public static LambdaInvoke shared() {
        return Holder.INVOKE;
    }

    // The JVM initialises the holder, and so builds the invoker, on its first use only.
    private static final class Holder {
        static final LambdaInvoke INVOKE = new LambdaInvoke(
                UrlConnectionHttpClient.builder().socketTimeout(PROBE_INVOKE_READ_TIMEOUT).build(),
                endpoint(System.getenv(), ClientSettings.region()), ClientSettings.region(),
                DefaultCredentialsProvider.builder().build());
    }

    /** Lambda's endpoint in {@code region}, or the one the environment sets as the SDK reads it. */
    static URI endpoint(Map<String, String> environment, Region region) {
        for (String variable : new String[] {ENDPOINT_VARIABLE, ENDPOINTS_VARIABLE}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return URI.create(value.strip());
            }
        }
        return URI.create("https://" + SIGNING_NAME + "." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
    }

    /** Invokes {@code functionName} (a name or ARN, with its alias) synchronously with {@code payload}. */
    public Answer invoke(String functionName, byte[] payload) {
        SdkHttpFullRequest request = request(functionName, payload);
        for (int attempt = 1; ; attempt++) {
            Optional<Answer> answer = attempt(request, payload, attempt == ATTEMPTS);
            if (answer.isPresent()) {
                return answer.get();
            }
            pause(attempt);
        }
    }

    private SdkHttpFullRequest request(String functionName, byte[] payload) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        return SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(base + PATH_PREFIX + SdkHttpUtils.urlEncode(functionName) + PATH_SUFFIX)
                .putHeader("X-Amz-Invocation-Type", "RequestResponse")
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(payload.length))
                .build();
    }

    /** One attempt: the answer, or empty when it may be retried (never on the last attempt, which throws instead). */
    private Optional<Answer> attempt(SdkHttpFullRequest request, byte[] payload, boolean last) {
        SignedRequest signed = SIGNER.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response;
        byte[] body;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            try (InputStream stream = response.responseBody().orElse(null)) {
                body = stream == null ? new byte[0] : stream.readAllBytes();
            }
        } catch (IOException unreachable) {
            if (last) {
                throw SdkClientException.create("Lambda could not be reached (" + unreachable.getClass().getSimpleName() + ")");
            }
            return Optional.empty();
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2) {
            return Optional.of(new Answer(response.httpResponse().firstMatchingHeader("X-Amz-Function-Error"), body));
        }
        if ((status == 429 || status / 100 == 5) && !last) {
            return Optional.empty();
        }
        // The error's type only: its message may quote the function's name or what it was sent.
        throw SdkClientException.create("Lambda answered the Invoke with HTTP " + status
                + response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").map(type -> " (" + type + ")").orElse(""));
    }

    private static void pause(int attempt) {
        long ceiling = BASE_DELAY.toMillis() << (attempt - 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted between attempts to invoke a Lambda function");
        }
    }
}
