package health.registration.adapters.aws;

import health.registration.testkit.AwsEmulator;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The production clients against moto: built with no endpoint in code, they reach the emulator named by
 * {@code AWS_ENDPOINT_URL} alone. What each creates is then found through a client pointed at the emulator
 * explicitly, which proves the calls went there.
 */
class AwsClientsIT {

    private static URI moto;

    @BeforeAll
    static void requireEmulator() {
        moto = AwsEmulator.endpoint();
        AwsEmulator.client(DynamoDbClients::shared);
        assertThat(AwsClients.dynamoDb().endpoint()).isEqualTo(moto);
        AwsEmulator.client(LambdaClients::shared);
        AwsEmulator.client(EventBridgeClients::shared);
        AwsEmulator.client(SqsClients::shared);
    }

    @Test
    void dynamoDbRequestsReachTheEmulatorNamedByTheEnvironment() {
        String table = "aws-clients-it-" + UUID.randomUUID();
        try (DynamoDbClient explicit = DynamoDbClient.builder().endpointOverride(moto).region(ClientSettings.region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            explicit.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            try {
                Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("put through the requests"));
                AwsClients.dynamoDb().putItem(r -> r.tableName(table).item(item));
                assertThat(explicit.getItem(r -> r.tableName(table).key(item).consistentRead(true)).item()).isEqualTo(item);
            } finally {
                explicit.deleteTable(r -> r.tableName(table));
            }
        }
    }

    @Test
    void secretsManagerRequestsReachTheEmulatorNamedByTheEnvironment() {
        String name = "aws-clients-it/" + UUID.randomUUID();
        AwsClients.secretsManager().createSecret(name, "not a real secret", UUID.randomUUID().toString(), Map.of(),
                Optional.empty());
        try (SecretsManagerClient explicit = SecretsManagerClient.builder().endpointOverride(moto).region(ClientSettings.region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(explicit.describeSecret(r -> r.secretId(name)).name()).isEqualTo(name);
        } finally {
            AwsClients.secretsManager().deleteWithoutRecovery(name);
        }
    }

    @Test
    void lambdaClientReachesTheEmulatorNamedByTheEnvironment() {
        // moto answers the Lambda API itself; only running a function would need Docker. A layer published through
        // the shared client is seen by a client pointed at the emulator explicitly.
        String layer = "aws-clients-it-" + UUID.randomUUID();
        long version = LambdaClients.shared().publishLayerVersion(r -> r.layerName(layer)
                .content(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromUtf8String("not a real layer")))).version();
        try (software.amazon.awssdk.services.lambda.LambdaClient explicit = software.amazon.awssdk.services.lambda.LambdaClient
                .builder().endpointOverride(moto).region(ClientSettings.region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(explicit.listLayers().layers()).extracting(l -> l.layerName()).contains(layer);
        } finally {
            LambdaClients.shared().deleteLayerVersion(r -> r.layerName(layer).versionNumber(version));
        }
    }

    @Test
    void eventBridgeClientReachesTheEmulatorNamedByTheEnvironment() {
        String bus = "aws-clients-it-" + UUID.randomUUID();
        EventBridgeClients.shared().createEventBus(r -> r.name(bus));
        try (EventBridgeClient explicit = EventBridgeClient.builder().endpointOverride(moto).region(ClientSettings.region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(explicit.describeEventBus(r -> r.name(bus)).name()).isEqualTo(bus);
        } finally {
            EventBridgeClients.shared().deleteEventBus(r -> r.name(bus));
        }
    }

    @Test
    void sqsClientReachesTheEmulatorNamedByTheEnvironment() {
        String queueUrl = SqsClients.shared().createQueue(r -> r.queueName("aws-clients-it-" + UUID.randomUUID())).queueUrl();
        try (SqsClient explicit = SqsClient.builder().endpointOverride(moto).region(ClientSettings.region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(explicit.listQueues().queueUrls()).contains(queueUrl);
        } finally {
            SqsClients.shared().deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    @Test
    void clientsAreBuiltOncePerContainerInTheEnvironmentsRegion() {
        assertThat(AwsClients.dynamoDb()).isSameAs(AwsClients.dynamoDb());
        assertThat(AwsClients.secretsManager()).isSameAs(AwsClients.secretsManager());
        assertThat(LambdaClients.shared()).isSameAs(LambdaClients.shared());
        assertThat(EventBridgeClients.shared()).isSameAs(EventBridgeClients.shared());
        assertThat(SqsClients.shared()).isSameAs(SqsClients.shared());
        Region region = AwsEmulator.region();
        assertThat(LambdaClients.shared().serviceClientConfiguration().region()).isEqualTo(region);
        assertThat(EventBridgeClients.shared().serviceClientConfiguration().region()).isEqualTo(region);
        assertThat(SqsClients.shared().serviceClientConfiguration().region()).isEqualTo(region);
    }
}
