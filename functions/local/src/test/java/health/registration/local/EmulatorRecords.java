package health.registration.local;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.testkit.AwsEmulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * What the local API wrote to the emulator ({@link AwsEmulator}: moto server, or LocalStack), read back through the
 * AWS SDK: the client records of one table and the secrets under one name prefix. The endpoint is checked first
 * ({@link AwsEmulator#endpoint()}): without a loopback emulator the test fails, saying what to run.
 */
final class EmulatorRecords implements AutoCloseable {

    /** The table's partition key and the prefix of client records' keys (adapters-dynamodb, ClientItem). */
    static final String KEY = "pk";
    static final String CLIENT_KEY_PREFIX = "CLIENT#";

    private final String table;
    private final String secretPrefix;
    private final DynamoDbClient dynamo;
    private final SecretsManagerClient secrets;

    private EmulatorRecords(String table, String secretPrefix, DynamoDbClient dynamo, SecretsManagerClient secrets) {
        this.table = table;
        this.secretPrefix = secretPrefix;
        this.dynamo = dynamo;
        this.secrets = secrets;
    }

    /** Clients for the emulator alone: its endpoint set explicitly, moto's test credentials, never the shell's. */
    static EmulatorRecords open(String table, String secretPrefix) {
        URI endpoint = AwsEmulator.endpoint();
        Region region = AwsEmulator.region();
        StaticCredentialsProvider testing = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        DynamoDbClient dynamo = AwsEmulator.require(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint).region(region).credentialsProvider(testing).build());
        SecretsManagerClient secrets = AwsEmulator.require(SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).region(region)
                .credentialsProvider(testing).build());
        return new EmulatorRecords(table, secretPrefix, dynamo, secrets);
    }

    /** The clients table ({@code CLIENTS_TABLE}) and its emulator client, for a test that reads it through adapters. */
    String table() {
        return table;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    /** {@code SECRET_PREFIX} and the emulator's Secrets Manager client. */
    String secretPrefix() {
        return secretPrefix;
    }

    SecretsManagerClient secretsManager() {
        return secrets;
    }

    /** DynamoDB's calls as the functions send them, to the emulator, with moto's test credentials. */
    DynamoDbRequests dynamoDbRequests() {
        return new DynamoDbRequests(UrlConnectionHttpClient.create(), AwsEmulator.endpoint(), AwsEmulator.region(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    /** Secrets Manager's calls as the functions send them, to the emulator, with moto's test credentials. */
    SecretsManagerRequests secretsManagerRequests() {
        return new SecretsManagerRequests(UrlConnectionHttpClient.create(), AwsEmulator.endpoint(), AwsEmulator.region(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    /** The secret's name: {@code SECRET_PREFIX} then the client id. */
    String secretName(String clientId) {
        return secretPrefix + clientId;
    }

    /** Sets a number attribute of an item of any table of this emulator (a test standing in for time passing). */
    void setNumber(String tableName, Map<String, AttributeValue> key, String attribute, long value) {
        dynamo.updateItem(request -> request.tableName(tableName).key(key).updateExpression("SET #a = :v")
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(value)))));
    }

    /** The client's record, if the table holds one. */
    Optional<Map<String, AttributeValue>> clientRecord(String clientId) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of(KEY, AttributeValue.fromS(CLIENT_KEY_PREFIX + clientId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every client record of the table, whatever its status (a scan, every page; other items left out). */
    List<Map<String, AttributeValue>> clientRecords() {
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)).items().forEach(item -> {
            AttributeValue key = item.get(KEY);
            if (key != null && key.s() != null && key.s().startsWith(CLIENT_KEY_PREFIX)) {
                records.add(item);
            }
        });
        return records;
    }

    /**
     * Every item of the table, whatever it is (client records, UDAP mappings, jti uses, idempotency records): a
     * strongly consistent scan, every page.
     */
    List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** The ids of the client records whose stored metadata names {@code text}, such as a registration's host. */
    List<String> clientIdsMentioning(String text) {
        return clientRecords().stream().filter(item -> item.get("metadata").s().contains(text))
                .map(item -> item.get("clientId").s()).toList();
    }

    /** Every secret under the prefix, those scheduled for deletion included (every page). */
    List<SecretListEntry> secrets() {
        List<SecretListEntry> entries = new ArrayList<>();
        secrets.listSecretsPaginator(request -> request.includePlannedDeletion(true)
                .filters(filter -> filter.key(FilterNameStringType.NAME).values(secretPrefix)))
                .forEach(page -> page.secretList().stream().filter(entry -> entry.name().startsWith(secretPrefix))
                        .forEach(entries::add));
        return entries;
    }

    /** The value of the client's secret. */
    String secretValue(String clientId) {
        return secrets.getSecretValue(request -> request.secretId(secretName(clientId))).secretString();
    }

    DescribeSecretResponse describeSecret(String clientId) {
        return secrets.describeSecret(request -> request.secretId(secretName(clientId)));
    }

    /** Removes what the test left in the shared emulator: its secrets and its table. */
    void removeAll() {
        for (SecretListEntry entry : secrets()) {
            try {
                secrets.deleteSecret(request -> request.secretId(entry.name()).forceDeleteWithoutRecovery(true));
            } catch (InvalidRequestException scheduledAlready) {
                // Some emulators refuse to force a deletion already scheduled; it goes when its window ends.
            }
        }
        // The deployment's request counts table is named after its clients table (LocalDeployment.countsTable).
        for (String name : List.of(table, table.replaceFirst("^registration-clients-", "registration-request-counts-"))) {
            try {
                dynamo.deleteTable(request -> request.tableName(name));
            } catch (ResourceNotFoundException never) {
                // The local API did not get as far as creating it.
            }
        }
    }

    @Override
    public void close() {
        dynamo.close();
        secrets.close();
    }
}
