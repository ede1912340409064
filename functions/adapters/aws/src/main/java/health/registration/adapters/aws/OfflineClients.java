package health.registration.adapters.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * SDK clients (and a Lambda invoker) whose requests never leave the process: each built on first use on an
 * {@link OfflineEndpoint}; {@link #close()} closes them and the endpoint.
 */
public final class OfflineClients implements ServiceClients, AutoCloseable {

    private final OfflineEndpoint endpoint;
    private DynamoDbRequests dynamoDb;
    private SecretsManagerRequests secretsManager;
    private LambdaInvoke lambdaInvoke;
    private EventBridgePutEvents eventBridge;

    OfflineClients(OfflineEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** How many requests the clients made, all of them answered from memory. */
    public int requests() {
        return endpoint.requests();
    }

    /** TLS handshakes the clients made with the loopback endpoint; 0 over the in-memory HTTP client. */
    public int handshakes() {
        return endpoint.handshakes();
    }

    @Override
    public synchronized DynamoDbRequests dynamoDb() {
        dynamoDb = dynamoDb != null ? dynamoDb : endpoint.sender(DynamoDbRequests::endpoint, DynamoDbRequests::new);
        return dynamoDb;
    }

    @Override
    public synchronized SecretsManagerRequests secretsManager() {
        secretsManager = secretsManager != null ? secretsManager : endpoint.secretsManager();
        return secretsManager;
    }

    @Override
    public synchronized LambdaInvoke lambdaInvoke() {
        lambdaInvoke = lambdaInvoke != null ? lambdaInvoke : endpoint.lambdaInvoke();
        return lambdaInvoke;
    }

    @Override
    public synchronized EventBridgePutEvents eventBridge() {
        eventBridge = eventBridge != null ? eventBridge : endpoint.eventBridge();
        return eventBridge;
    }

    /** SQS's SendMessage on the same endpoint (the re-verification's queue, which only reverify names). */
    public SqsRequests sqs() {
        return endpoint.sender(SqsRequests::endpoint, SqsRequests::new);
    }

    /** A client of {@code builder}'s service on the same endpoint (another service's, such as SQS), its caller's to close. */
    public <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C client(B builder) {
        return endpoint.client(builder);
    }

    @Override
    public synchronized void close() {
        endpoint.close();
    }
}
