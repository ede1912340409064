package health.registration.adapters.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients over {@link OfflineHttpClient}: the same builders, region and signing as {@link AwsClients}, placeholder
 * credentials, and an HTTP client that answers from memory. Each is built on first use; {@link #close()} closes them.
 */
public final class OfflineClients implements ServiceClients, AutoCloseable {

    // Signing runs as for real requests; these credentials are placeholders that no request carries anywhere.
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMINGOFFLINE", "priming-offline"));

    private final OfflineHttpClient http;
    private final Region region;
    private DynamoDbClient dynamoDb;
    private SecretsManagerClient secretsManager;
    private LambdaClient lambda;
    private EventBridgeClient eventBridge;
    private SqsClient sqs;

    OfflineClients(OfflineHttpClient http, Region region) {
        this.http = http;
        this.region = region;
    }

    /** How many requests the clients made, all of them answered from memory. */
    public int requests() {
        return http.requests();
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
        return builder.httpClient(http).region(region).credentialsProvider(PLACEHOLDER).build();
    }

    @Override
    public synchronized void close() {
        for (SdkAutoCloseable client : new SdkAutoCloseable[] {dynamoDb, secretsManager, lambda, eventBridge, sqs}) {
            if (client != null) {
                client.close();
            }
        }
    }
}
