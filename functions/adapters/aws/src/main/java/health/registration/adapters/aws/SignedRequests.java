package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.GeneratedPartitionMetadataProvider;
import software.amazon.awssdk.regions.PartitionMetadataProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Requests to one AWS service, signed with Signature Version 4 by the SDK's own signer and sent through an SDK
 * HTTP client: for the one or two calls a function makes to a service whose client would bring the service's whole
 * model into its package (docs/performance-packages.md). The endpoint is the one the SDK's clients use:
 * {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} when set (the moto server locally), else
 * {@code https://<endpoint prefix>.<region>.<partition's DNS suffix>}. Throttling (429, or an error type the SDK
 * counts as throttling, which JSON services answer with 400), server errors (5xx) and failed connections are retried
 * as the SDK's standard retry strategy does (three attempts in all, jittered exponential back-off from 100 ms); any
 * other status is a failure, a {@link ServiceError} naming the error's type (or what the service's {@link Refusal}
 * makes of it; never the error's message, which may quote what was sent). Failures are {@link SdkClientException}s
 * that never carry what was sent or the answer's body.
 */
final class SignedRequests {

    /** An answer with a 2xx status. */
    record Answer(SdkHttpResponse response, byte[] body) {}

    /** What a refusal that is not retried (or is on the last attempt) is thrown as. */
    @FunctionalInterface
    interface Refusal {

        /**
         * @param type the error's type without namespace, empty when the answer names none
         * @param body the answer's body, for a service whose refusals carry more than their type
         */
        RuntimeException of(int status, String type, byte[] body);
    }

    static final String ENDPOINTS_VARIABLE = "AWS_ENDPOINT_URL";
    static final int ATTEMPTS = 3;
    /** The error types the SDK's retry strategy treats as throttling (its AwsErrorCode list), whatever the status. */
    static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException");
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The partitions' DNS suffixes, asked directly: {@code PartitionMetadata.of} goes through the SDK's {@code
     * MetadataLoader}, whose initialiser builds the metadata of all 306 services, which the packages leave out
     * (docs/performance-packages.md).
     */
    private static final PartitionMetadataProvider PARTITIONS = new GeneratedPartitionMetadataProvider();

    private final String service;
    private final String signingName;
    private final SdkHttpClient http;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Refusal refusal;

    /**
     * @param service     the service's name in failures ("Lambda")
     * @param signingName the service's signing name ("lambda")
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    the service's endpoint (scheme, host, port and an optional base path)
     * @param region      the region the requests are signed for
     * @param credentials the signing credentials, resolved for every request
     */
    SignedRequests(String service, String signingName, SdkHttpClient http, URI endpoint, Region region,
            AwsCredentialsProvider credentials) {
        this(service, signingName, http, endpoint, region, credentials,
                (status, type, body) -> new ServiceError(service, status, type));
    }

    /** Requests whose refusals are thrown as {@code refusal} makes them (a {@link ServiceError} by default). */
    SignedRequests(String service, String signingName, SdkHttpClient http, URI endpoint, Region region,
            AwsCredentialsProvider credentials, Refusal refusal) {
        this.refusal = Objects.requireNonNull(refusal);
        this.service = Objects.requireNonNull(service);
        this.signingName = Objects.requireNonNull(signingName);
        this.http = Objects.requireNonNull(http);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.region = Objects.requireNonNull(region);
        this.credentials = Objects.requireNonNull(credentials);
    }

    /**
     * The service's endpoint in {@code region}, or the one the environment sets as the SDK reads it.
     *
     * @param variable       the service's own variable ({@code AWS_ENDPOINT_URL_LAMBDA})
     * @param endpointPrefix the service's host prefix ({@code lambda})
     */
    static URI endpoint(Map<String, String> environment, String variable, String endpointPrefix, Region region) {
        for (String name : new String[] {variable, ENDPOINTS_VARIABLE}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return URI.create(value.strip());
            }
        }
        return URI.create("https://" + endpointPrefix + "." + region.id() + "." + PARTITIONS.partitionMetadata(region).dnsSuffix());
    }

    /** POSTs {@code payload} to {@code encodedPath} with {@code headers}; the answer when its status is 2xx. */
    Answer post(String encodedPath, Map<String, String> headers, byte[] payload) {
        return send(SdkHttpMethod.POST, encodedPath, Map.of(), headers, Objects.requireNonNull(payload));
    }

    /** A {@code method} request without a body (GET, DELETE) to {@code encodedPath} with {@code query} (unencoded). */
    Answer send(SdkHttpMethod method, String encodedPath, Map<String, String> query) {
        return send(method, encodedPath, query, Map.of(), null);
    }

    private Answer send(SdkHttpMethod method, String encodedPath, Map<String, String> query, Map<String, String> headers,
            byte[] payload) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(method)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(base + encodedPath);
        if (payload != null) {
            request.putHeader("Content-Length", Integer.toString(payload.length));
        }
        query.forEach(request::putRawQueryParameter);
        headers.forEach(request::putHeader);
        SdkHttpFullRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            Optional<Answer> answer = attempt(built, payload, attempt == ATTEMPTS);
            if (answer.isPresent()) {
                return answer.get();
            }
            pause(attempt);
        }
    }

    /** One attempt: the answer, or empty when it may be retried (never on the last attempt, which throws instead). */
    private Optional<Answer> attempt(SdkHttpFullRequest request, byte[] payload, boolean last) {
        SignedRequest signed = SIGNER.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(payload == null ? null : ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
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
                throw SdkClientException.create(service + " could not be reached (" + unreachable.getClass().getSimpleName() + ")");
            }
            return Optional.empty();
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2) {
            return Optional.of(new Answer(response.httpResponse(), body));
        }
        Optional<String> type = errorType(response.httpResponse(), body);
        if ((status == 429 || status / 100 == 5 || type.filter(THROTTLING::contains).isPresent()) && !last) {
            return Optional.empty();
        }
        throw refusal.of(status, type.orElse(""), body);
    }

    /**
     * The error's type: the {@code x-amzn-ErrorType} header, or the {@code __type} member of a JSON body (AWS JSON
     * protocols), without the namespace or URL some services put around it.
     */
    static Optional<String> errorType(SdkHttpResponse response, byte[] body) {
        Optional<String> type = response.firstMatchingHeader("x-amzn-ErrorType");
        if (type.isEmpty()) {
            try {
                JsonNode error = JSON.readTree(body);
                type = error != null && error.path("__type").isTextual()
                        ? Optional.of(error.get("__type").asText()) : Optional.empty();
            } catch (IOException notJson) {
                type = Optional.empty();
            }
        }
        return type.map(t -> t.split(":", 2)[0]).map(t -> t.substring(t.lastIndexOf('#') + 1)).filter(t -> !t.isBlank());
    }

    private void pause(int attempt) {
        long ceiling = BASE_DELAY.toMillis() << (attempt - 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted between attempts to call " + service);
        }
    }
}
