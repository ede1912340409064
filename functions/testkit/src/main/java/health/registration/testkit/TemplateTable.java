package health.registration.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * A uniquely named copy of one of the template's tables ({@code ClientsTable} unless named) in the emulator: its attribute definitions, key
 * schema, indexes, billing mode and time-to-live are read from {@code infrastructure/template.yaml}, so a test runs
 * against the table that will be deployed. Closing it deletes it. Only ever call it with a client that
 * {@link MotoServer#require} has checked.
 */
public final class TemplateTable implements AutoCloseable {

    public static final String RESOURCE = "ClientsTable";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final DynamoDbClient dynamo;
    private final String name;

    private TemplateTable(DynamoDbClient dynamo, String name) {
        this.dynamo = dynamo;
        this.name = name;
    }

    public static TemplateTable create(DynamoDbClient dynamo, String purpose) {
        return create(dynamo, purpose, RESOURCE);
    }

    /** A copy of the template's table resource {@code resource}, e.g. {@code CertificatesTable}. */
    public static TemplateTable create(DynamoDbClient dynamo, String purpose, String resource) {
        JsonNode properties = resources().path(resource).path("Properties");
        if (properties.isMissingNode()) {
            throw new IllegalArgumentException("the template has no resource " + resource);
        }
        String name = purpose + "-" + UUID.randomUUID();
        dynamo.createTable(createRequest(properties, name));
        JsonNode ttl = properties.path("TimeToLiveSpecification");
        if (ttl.isMissingNode()) {
            return new TemplateTable(dynamo, name);
        }
        dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t
                .attributeName(ttl.path("AttributeName").asText()).enabled(ttl.path("Enabled").asBoolean())));
        return new TemplateTable(dynamo, name);
    }

    public String name() {
        return name;
    }

    /** The {@code Properties} of the template's ClientsTable resource. */
    public static JsonNode properties() {
        return resources().path(RESOURCE).path("Properties");
    }

    /** Every resource of the template; CloudFormation tags such as {@code !Ref X} read as their text, X. */
    public static JsonNode resources() {
        Path template = SampleEvents.folder().resolveSibling("infrastructure").resolve("template.yaml");
        try {
            return YAML.readTree(template.toFile()).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    private static CreateTableRequest createRequest(JsonNode properties, String name) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        properties.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        properties.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(i.path("IndexName").asText())
                .keySchema(keySchema(i.path("KeySchema")))
                .projection(Projection.builder().projectionType(i.path("Projection").path("ProjectionType").asText()).build())
                .build()));
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.fromValue(properties.path("BillingMode").asText()))
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.path("KeySchema")));
        return (indexes.isEmpty() ? request : request.globalSecondaryIndexes(indexes)).build();
    }

    static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> schema = new ArrayList<>();
        keys.forEach(k -> schema.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText()).keyType(k.path("KeyType").asText()).build()));
        return schema;
    }

    @Override
    public void close() {
        dynamo.deleteTable(r -> r.tableName(name));
    }
}
