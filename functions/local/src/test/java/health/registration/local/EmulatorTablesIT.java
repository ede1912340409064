package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.template.TableDefinition;
import health.registration.testkit.AwsEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The real template's tables created in the emulator ({@link AwsEmulator}: moto server, or LocalStack), as the
 * runner creates them at start, then read back with DescribeTable and DescribeTimeToLive. Each run uses a table name
 * of its own, so it shares the emulator with anything else. With moto: {@code source scripts/lib/moto.sh &&
 * start_moto} first.
 */
class EmulatorTablesIT {

    private static final Path TEMPLATE = Path.of(System.getProperty("local.module.dir", System.getProperty("user.dir")))
            .resolve("../../infrastructure/template.yaml").normalize();

    private static String tableName;
    private static String certificatesTableName;
    private static String countsTableName;
    private static DynamoDbClient dynamo;
    private static List<TableDefinition> tables;
    private static List<EmulatorTables.Result> firstStart;

    @BeforeAll
    static void createTables() throws IOException {
        String endpoint = AwsEmulator.endpoint().toString();
        URI loopback = EmulatorTables.loopbackEndpoint(endpoint)
                .orElseThrow(() -> new AssertionError("AWS_ENDPOINT_URL=" + endpoint + " is no loopback emulator"));
        tableName = "it-clients-" + UUID.randomUUID();
        dynamo = EmulatorTables.client(loopback, emulatorEnvironment());
        certificatesTableName = "it-certificates-" + UUID.randomUUID();
        countsTableName = "it-request-counts-" + UUID.randomUUID();
        tables = TemplateTables.of(SamTemplate.read(TEMPLATE), Map.of("CLIENTS_TABLE", tableName,
                "CERTIFICATES_TABLE", certificatesTableName, "REQUEST_COUNTS_TABLE", countsTableName));
        firstStart = EmulatorTables.create(dynamo, tables);
    }

    @AfterAll
    static void deleteTable() {
        if (dynamo != null) {
            if (tableName != null) {
                dynamo.deleteTable(request -> request.tableName(tableName));
                dynamo.deleteTable(request -> request.tableName(certificatesTableName));
                dynamo.deleteTable(request -> request.tableName(countsTableName));
            }
            dynamo.close();
        }
    }

    @Test
    void createsTheClientsTableOnTheFirstStart() {
        assertThat(firstStart).hasSize(3).first().satisfies(result -> {
            assertThat(result.outcome()).isEqualTo(TableDefinition.Outcome.CREATED);
            assertThat(result.table().logicalId()).isEqualTo("ClientsTable");
        });
    }

    @Test
    void createsTheTemplatesKeysAndBillingMode() {
        TableDescription table = dynamo.describeTable(request -> request.tableName(tableName)).table();
        assertThat(table.tableName()).isEqualTo(tableName);
        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("pk");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(table.attributeDefinitions()).extracting(d -> d.attributeName() + ":" + d.attributeTypeAsString())
                .containsExactlyInAnyOrder("pk:S", "status:S", "nextCheckAt:N", "certificateThumbprint:S", "clientDomain:S");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void createsTheStatusIndex() {
        TableDescription table = dynamo.describeTable(request -> request.tableName(tableName)).table();
        assertThat(table.globalSecondaryIndexes()).hasSize(3).filteredOn(i -> i.indexName().equals("status-nextCheckAt"))
                .singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("status-nextCheckAt");
            assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .containsExactly("status:HASH", "nextCheckAt:RANGE");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
    }

    @Test
    void enablesTimeToLiveOnExpiresAt() {
        TimeToLiveDescription ttl = dynamo.describeTimeToLive(request -> request.tableName(tableName))
                .timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void leavesAnExistingTableAndItsItemsAsTheyAreOnASecondStart() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("CLIENT#kept"));
        dynamo.putItem(request -> request.tableName(tableName).item(Map.of("pk", key.get("pk"),
                "status", AttributeValue.fromS("active"), "nextCheckAt", AttributeValue.fromN("1"))));
        Instant created = dynamo.describeTable(request -> request.tableName(tableName)).table().creationDateTime();

        List<EmulatorTables.Result> secondStart = EmulatorTables.create(dynamo, tables);

        assertThat(secondStart).extracting(EmulatorTables.Result::outcome)
                .containsOnly(TableDefinition.Outcome.ALREADY_EXISTED).hasSize(3);
        assertThat(dynamo.describeTable(request -> request.tableName(tableName)).table().creationDateTime())
                .isEqualTo(created);
        assertThat(dynamo.getItem(request -> request.tableName(tableName).key(key)).item())
                .containsEntry("status", AttributeValue.fromS("active"));
    }

    @Test
    void createsThenLeavesTheTablesAtEachStartOfTheRunner() throws IOException {
        String name = "it-clients-start-" + UUID.randomUUID();
        String certificates = "it-certificates-start-" + UUID.randomUUID();
        Map<String, String> environment = emulatorEnvironment();
        environment.put("CLIENTS_TABLE", name);
        environment.put("CERTIFICATES_TABLE", certificates);
        String counts = "it-request-counts-start-" + UUID.randomUUID();
        environment.put("REQUEST_COUNTS_TABLE", counts);
        try {
            assertThat(prepare(environment)).contains("local-api: table " + name + " (ClientsTable, CLIENTS_TABLE) created at ");
            assertThat(prepare(environment)).contains("local-api: table " + name + " (ClientsTable, CLIENTS_TABLE) already "
                    + "existed; left as it is");
            assertThat(dynamo.describeTimeToLive(request -> request.tableName(name)).timeToLiveDescription()
                    .attributeName()).isEqualTo("expiresAt");
        } finally {
            dynamo.deleteTable(request -> request.tableName(name));
            dynamo.deleteTable(request -> request.tableName(certificates));
            dynamo.deleteTable(request -> request.tableName(counts));
        }
    }

    private static String prepare(Map<String, String> environment) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EmulatorTables.prepare(SamTemplate.read(TEMPLATE), environment, new PrintStream(log, true, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8);
    }

    /** The runner's environment: this one, with the emulator's variables (AwsEmulator) in place. */
    private static Map<String, String> emulatorEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(AwsEmulator.environment());
        return environment;
    }
}
