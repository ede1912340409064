package health.registration.adapters.aws;

import java.net.URI;
import java.util.function.IntSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients whose requests never leave the process: the same builders, region and signing as {@link AwsClients},
 * placeholder credentials, and either the url-connection HTTP client aimed at a {@link LoopbackEndpoint} or
 * {@link OfflineHttpClient}, both answering from {@link OfflineAnswers}. Each is built on first use; {@link #close()}
 * closes them and the endpoint.
 */
public final class OfflineClients implements ServiceClients, AutoCloseable {

    // Signing runs as for real requests; these credentials are placeholders that no request carries anywhere.
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMINGOFFLINE", "priming-offline"));

    private final SdkHttpClient http;
    private final Region region;
    private final URI endpoint;
    private final IntSupplier requests;
    private final LoopbackEndpoint loopback;
    private DynamoDbClient dynamoDb;
    private SecretsManagerClient secretsManager;
    private LambdaClient lambda;
    private EventBridgeClient eventBridge;
    private SqsClient sqs;

    /** Clients over the in-memory HTTP client: no connection at all. */
    OfflineClients(OfflineHttpClient http, Region region) {
        this.http = http;
        this.region = region;
        this.endpoint = null;
        this.requests = http::requests;
        this.loopback = null;
    }

    /** Clients over {@code http}, every request sent to the loopback endpoint, which this object closes. */
    OfflineClients(SdkHttpClient http, Region region, LoopbackEndpoint loopback) {
        this.http = http;
        this.region = region;
        this.endpoint = loopback.uri();
        this.requests = loopback::requests;
        this.loopback = loopback;
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
    public synchronized DynamoDbClient dynamoDb() {
        dynamoDb = dynamoDb != null ? dynamoDb : build(DynamoDbClient.builder());
        return dynamoDb;
    }

    @Override
    public synchronized SecretsManagerClient secretsManager() {
        secretsManager = secretsManager != null ? secretsManager : build(SecretsManagerClient.builder());
        return secretsManager;
    }

    @Override
    public synchronized LambdaClient lambda() {
        lambda = lambda != null ? lambda : build(LambdaClient.builder());
        return lambda;
    }

    @Override
    public synchronized EventBridgeClient eventBridge() {
        eventBridge = eventBridge != null ? eventBridge : build(EventBridgeClient.builder());
        return eventBridge;
    }

    @Override
    public synchronized SqsClient sqs() {
        sqs = sqs != null ? sqs : build(SqsClient.builder());
        return sqs;
    }

    private <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.httpClient(http).region(region).credentialsProvider(PLACEHOLDER);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public synchronized void close() {
        for (SdkAutoCloseable client : new SdkAutoCloseable[] {dynamoDb, secretsManager, lambda, eventBridge, sqs}) {
            if (client != null) {
                client.close();
            }
        }
        // A client given to a builder stays its giver's to close.
        http.close();
        if (loopback != null) {
            loopback.close();
        }
    }
}
