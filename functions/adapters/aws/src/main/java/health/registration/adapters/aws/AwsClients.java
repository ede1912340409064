package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.UnaryOperator;

/**
 * This container's SDK clients (and its Lambda invoker) as {@link ServiceClients}, for the wiring that may call any of them, and
 * the offline clients for priming. Each client is built on first use by its service's class ({@link DynamoDbRequests},
 * {@link SecretsManagerRequests}, {@link LambdaInvoke}, {@link EventBridgePutEvents}) with the
 * settings of {@link ClientSettings}. Naming this class puts every service's model into a function's package: a
 * function that calls one or two services names their classes instead.
 */
public final class AwsClients {

    /** The variable Lambda sets to the function's region; locally {@code scripts/lib/moto.sh} sets it. */
    public static final String REGION_VARIABLE = ClientSettings.REGION_VARIABLE;

    private static final ServiceClients SHARED = new ServiceClients() {
        @Override
        public DynamoDbRequests dynamoDb() {
            return AwsClients.dynamoDb();
        }

        @Override
        public SecretsManagerRequests secretsManager() {
            return AwsClients.secretsManager();
        }

        @Override
        public LambdaInvoke lambdaInvoke() {
            return LambdaInvoke.shared();
        }

        @Override
        public EventBridgePutEvents eventBridge() {
            return EventBridgePutEvents.shared();
        }
    };

    private AwsClients() {}

    /** This container's clients, each built on its first use. */
    public static ServiceClients shared() {
        return SHARED;
    }

    /**
     * Clients configured like this container's (region, protocol, signing, the url-connection HTTP client over TLS)
     * whose requests go to an HTTPS endpoint inside the process on 127.0.0.1 ({@link LoopbackEndpoint}, a throw-away
     * certificate that only these clients trust) and are answered from memory, and whose credentials are fixed placeholders (so no credentials provider is asked):
     * DynamoDB keeps the items put into it, Secrets Manager the secrets created in it, EventBridge accepts every
     * event, and a Lambda Invoke ({@link LambdaInvoke}) is answered by {@code invoke} from the payload. For priming only: nothing they do
     * leaves the process. Close them when done.
     */
    public static OfflineClients offline(UnaryOperator<JsonNode> invoke) {
        return new OfflineClients(OfflineEndpoint.open(invoke));
    }

    public static DynamoDbRequests dynamoDb() {
        return DynamoDbRequests.shared();
    }

    public static SecretsManagerRequests secretsManager() {
        return SecretsManagerRequests.shared();
    }

}
