package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where priming's AWS calls go, without leaving the process: the url-connection HTTP client aimed at a {@link
 * LoopbackEndpoint} over TLS (or, where no loopback socket can be opened, {@link OfflineHttpClient}), both answering
 * from {@link OfflineAnswers}; the function's region and placeholder credentials. Its senders ({@link #sender},
 * {@link #lambdaInvoke}, ...) share its HTTP client; a function names the services it primes, so its package carries
 * only their model classes; {@link OfflineClients} builds the issuing functions' on it. {@link #close()} closes the
 * HTTP client and the endpoint.
 */
public final class OfflineEndpoint implements AutoCloseable {

    // Signing runs as for real requests; these credentials are placeholders that no request carries anywhere.
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMINGOFFLINE", "priming-offline"));

    private final SdkHttpClient http;
    private final Region region;
    private final URI endpoint;
    private final IntSupplier requests;
    private final LoopbackEndpoint loopback;

    private OfflineEndpoint(SdkHttpClient http, Region region, LoopbackEndpoint loopback, IntSupplier requests) {
        this.http = http;
        this.region = region;
        this.loopback = loopback;
        this.endpoint = loopback == null ? null : loopback.uri();
        this.requests = requests;
    }

    /**
     * An endpoint answering as {@link OfflineAnswers} does, Lambda invocations through {@code invoke}; over loopback
     * TLS when a socket can be opened, else in memory.
     */
    public static OfflineEndpoint open(UnaryOperator<JsonNode> invoke) {
        Region region = region();
        OfflineAnswers answers = new OfflineAnswers(invoke);
        LoopbackEndpoint loopback = null;
        try {
            loopback = LoopbackEndpoint.start(answers);
            TrustManager[] trust = loopback.trust();
            // The deployed clients' HTTP client, trusting the endpoint's throw-away certificate alone.
            LoopbackEndpoint started = loopback;
            return new OfflineEndpoint(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust).build(),
                    region, started, started::requests);
        } catch (IOException | GeneralSecurityException | RuntimeException unavailable) {
            // No loopback socket or TLS here: the same answers without a connection (priming still runs the SDK).
            if (loopback != null) {
                loopback.close();
            }
            OfflineHttpClient inMemory = new OfflineHttpClient(answers);
            return new OfflineEndpoint(inMemory, region, null, inMemory::requests);
        }
    }


    /** A Lambda invoker whose every request this endpoint answers; it shares the endpoint's HTTP client. */
    public LambdaInvoke lambdaInvoke() {
        URI target = endpoint != null ? endpoint : LambdaInvoke.endpoint(Map.of(), region);
        return new LambdaInvoke(http, target, region, PLACEHOLDER);
    }

    /** EventBridge's PutEvents whose every request this endpoint answers; it shares the endpoint's HTTP client. */
    public EventBridgePutEvents eventBridge() {
        URI target = endpoint != null ? endpoint : EventBridgePutEvents.endpoint(Map.of(), region);
        return new EventBridgePutEvents(http, target, region, PLACEHOLDER);
    }

    /**
     * An endpoint answering as {@link #open} does, always in memory ({@link OfflineHttpClient}): no socket, no TLS
     * and no certificate, for a function whose package leaves out what the loopback endpoint's certificate needs
     * (the public probe function carries no BouncyCastle). The senders' signing and marshalling run as for real.
     */
    public static OfflineEndpoint inMemory(UnaryOperator<JsonNode> invoke) {
        OfflineHttpClient inMemory = new OfflineHttpClient(new OfflineAnswers(invoke));
        return new OfflineEndpoint(inMemory, region(), null, inMemory::requests);
    }

    private static Region region() {
        String variable = System.getenv(AwsClients.REGION_VARIABLE);
        return variable == null || variable.isBlank() ? Region.US_EAST_1 : Region.of(variable);
    }

    /**
     * A sender of one service's requests, each answered by this endpoint, sharing its HTTP client: {@code make} given
     * the HTTP client, the endpoint (or, in memory, the service's real one, {@code realEndpoint}, which is never
     * reached), the region and placeholder credentials.
     */
    public <T> T sender(BiFunction<Map<String, String>, Region, URI> realEndpoint, Sender<T> make) {
        URI target = endpoint != null ? endpoint : realEndpoint.apply(Map.of(), region);
        return make.of(http, target, region, PLACEHOLDER);
    }


    /** Secrets Manager's calls, each answered by this endpoint; they share the endpoint's HTTP client. */
    public SecretsManagerRequests secretsManager() {
        URI target = endpoint != null ? endpoint : SecretsManagerRequests.endpoint(Map.of(), region);
        return new SecretsManagerRequests(http, target, region, PLACEHOLDER);
    }

    /** How many requests the clients made, all of them answered from memory. */
    public int requests() {
        return requests.getAsInt();
    }

    /** TLS handshakes the clients made with the loopback endpoint; 0 over the in-memory HTTP client. */
    public int handshakes() {
        return loopback == null ? 0 : loopback.handshakes();
    }

    @Override
    public void close() {
        http.close();
        if (loopback != null) {
            loopback.close();
        }
    }
}
