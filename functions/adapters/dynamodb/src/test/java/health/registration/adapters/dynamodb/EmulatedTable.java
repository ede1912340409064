package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.DynamoDbClients;
import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.testkit.AwsEmulator;
import health.registration.testkit.TemplateTable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One table of the template in moto server for each test of an emulator test: the suite fails unless the SDK calls
 * a loopback moto server ({@link AwsEmulator#require}); each test gets a fresh copy of the table, made before the
 * test class's own {@code @BeforeEach} methods and deleted after its {@code @AfterEach} ones; the stores' calls
 * go through the functions' own {@code AwsClients.dynamoDb()}; races get a second sender that sends moto one request at a time ({@link OneRequestAtATime}), made on first use and closed after the
 * class. Register it as a static field with {@code @RegisterExtension}.
 */
final class EmulatedTable implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final String prefix;
    private final String logicalId;
    private DynamoDbClient dynamo;
    private DynamoDbRequests requests;
    private OneRequestAtATime racingHttp;
    private DynamoDbRequests racingDynamo;
    private TemplateTable table;

    private EmulatedTable(String prefix, String logicalId) {
        this.prefix = prefix;
        this.logicalId = logicalId;
    }

    /** Copies of the template's clients table, named from {@code prefix}. */
    static EmulatedTable clients(String prefix) {
        return new EmulatedTable(prefix, null);
    }

    /** Copies of the template's table {@code logicalId}, named from {@code prefix}. */
    static EmulatedTable of(String prefix, String logicalId) {
        return new EmulatedTable(prefix, logicalId);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dynamo = AwsEmulator.client(DynamoDbClients::shared);
        requests = AwsClients.dynamoDb();
        assertThat(requests.endpoint()).as("the stores' DynamoDB endpoint").isEqualTo(AwsEmulator.endpoint());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        table = logicalId == null ? TemplateTable.create(dynamo, prefix) : TemplateTable.create(dynamo, prefix, logicalId);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        table.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (racingHttp != null) {
            racingHttp.close();
        }
    }

    /** The SDK's client of the emulator, to make and read tables and items around a store. */
    DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The stores' own DynamoDB calls, as the functions make them ({@code AwsClients.dynamoDb()}). */
    DynamoDbRequests requests() {
        return requests;
    }

    /** The stores' calls for races: see {@link OneRequestAtATime} on why moto is sent one request at a time. */
    synchronized DynamoDbRequests racingDynamo() {
        if (racingDynamo == null) {
            racingHttp = new OneRequestAtATime();
            racingDynamo = OneRequestAtATime.dynamoDb(racingHttp);
        }
        return racingDynamo;
    }

    TemplateTable table() {
        return table;
    }

    String name() {
        return table.name();
    }
}
