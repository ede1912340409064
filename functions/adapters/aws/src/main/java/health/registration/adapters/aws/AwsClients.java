package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place AWS SDK clients are built: one client per service and container, each built on first use, so a
 * function builds only the clients it uses (the cleanup function never builds a Lambda client). Every client uses
 * the url-connection HTTP client (the quickest to start), the region from {@code AWS_REGION}, and the default
 * credentials chain, which finds the access keys in the environment without SnapStart and the container credentials
 * with it. No endpoint is set here: the SDK reads {@code AWS_ENDPOINT_URL} by itself, which locally and in tests
 * points at the moto server and in Lambda is not set.
 */
public final class AwsClients {

    /** The variable Lambda sets to the function's region; locally {@code scripts/lib/moto.sh} sets it. */
    public static final String REGION_VARIABLE = "AWS_REGION";

    /**
     * How long an Invoke of the probe function may take to answer. The function's own timeout is 30 seconds
     * (template.yaml, {@code ProbeFunction}); waiting a little longer lets Lambda's timeout error, not a read timeout
     * here, end a probe that hangs.
     */
    static final Duration PROBE_INVOKE_READ_TIMEOUT = Duration.ofSeconds(35);

    private static final ServiceClients SHARED = new ServiceClients() {
        @Override
        public DynamoDbClient dynamoDb() {
            return AwsClients.dynamoDb();
        }

        @Override
        public SecretsManagerClient secretsManager() {
            return AwsClients.secretsManager();
        }

        @Override
        public LambdaClient lambda() {
            return AwsClients.lambda();
        }

        @Override
        public EventBridgeClient eventBridge() {
            return AwsClients.eventBridge();
        }

        @Override
        public SqsClient sqs() {
            return AwsClients.sqs();
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
     * event, and a Lambda Invoke is answered by {@code invoke} from the payload. For priming only: nothing they do
     * leaves the process. Close them when done.
     */
    public static OfflineClients offline(UnaryOperator<JsonNode> invoke) {
        String variable = System.getenv(REGION_VARIABLE);
        Region region = variable == null || variable.isBlank() ? Region.US_EAST_1 : Region.of(variable);
        OfflineAnswers answers = new OfflineAnswers(invoke);
        LoopbackEndpoint loopback = null;
        try {
            loopback = LoopbackEndpoint.start(answers);
            TrustManager[] trust = loopback.trust();
            // The deployed clients' HTTP client, trusting the endpoint's throw-away certificate alone.
            return new OfflineClients(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust).build(),
                    region, loopback);
        } catch (IOException | GeneralSecurityException | RuntimeException unavailable) {
            // No loopback socket or TLS here: the same answers without a connection (priming still runs the SDK).
            if (loopback != null) {
                loopback.close();
            }
            return new OfflineClients(new OfflineHttpClient(answers), region);
        }
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDb.CLIENT;
    }

    public static SecretsManagerClient secretsManager() {
        return SecretsManager.CLIENT;
    }

    public static LambdaClient lambda() {
        return Lambda.CLIENT;
    }

    public static EventBridgeClient eventBridge() {
        return EventBridge.CLIENT;
    }

    public static SqsClient sqs() {
        return Sqs.CLIENT;
    }

    // One holder class per client: the JVM initialises a holder, and so builds its client, on its first use only.

    private static final class DynamoDb {
        static final DynamoDbClient CLIENT = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    private static final class SecretsManager {
        static final SecretsManagerClient CLIENT = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    private static final class Lambda {
        static final LambdaClient CLIENT = LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(PROBE_INVOKE_READ_TIMEOUT).build())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    private static final class EventBridge {
        static final EventBridgeClient CLIENT = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    private static final class Sqs {
        static final SqsClient CLIENT = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    /** The region, set explicitly so that the SDK skips its region lookup chain at start. */
    static Region region() {
        String region = System.getenv(REGION_VARIABLE);
        if (region == null || region.isBlank()) {
            throw new IllegalStateException(REGION_VARIABLE + " is not set: Lambda sets it; locally, scripts/lib/moto.sh does");
        }
        return Region.of(region);
    }
}
