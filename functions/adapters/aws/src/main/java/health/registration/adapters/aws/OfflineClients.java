package health.registration.adapters.aws;

import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS calls of {@link ServiceClients} whose requests never leave the process: each built on first use on an
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

    /**
     * Another service's sender on the same endpoint ({@code SqsRequests::endpoint, SqsRequests::new}), named by the
     * function that uses it so that no other function's package carries that service's model classes.
     */
    public <T> T sender(BiFunction<Map<String, String>, Region, URI> realEndpoint, Sender<T> make) {
        return endpoint.sender(realEndpoint, make);
    }


    @Override
    public synchronized void close() {
        endpoint.close();
    }
}
