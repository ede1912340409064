package health.registration.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * One {@code AWS::DynamoDB::Table} of the template as the calls that create it locally: its {@code Properties}
 * translated into a CreateTable request, and an UpdateTimeToLive request when it enables a TTL attribute.
 *
 * <p>Translated: {@code AttributeDefinitions}, {@code KeySchema}, {@code GlobalSecondaryIndexes} and
 * {@code LocalSecondaryIndexes} (each {@code IndexName}, {@code KeySchema}, {@code Projection}) and
 * {@code TimeToLiveSpecification}. The billing mode is always {@code PAY_PER_REQUEST}. Encryption, point-in-time
 * recovery, deletion protection, streams and tags mean nothing to an emulator and are left out.
 *
 * @param logicalId   the resource's logical id
 * @param variable    the environment variable that gives the functions the table's name ({@code !Ref} of it); empty
 *                    for a table no function is told of (a test's own copy)
 * @param createTable the CreateTable call, with the local table name
 * @param timeToLive  the UpdateTimeToLive call, when the template enables TTL
 */
public record TableDefinition(String logicalId, String variable, CreateTableRequest createTable,
                              Optional<UpdateTimeToLiveRequest> timeToLive) {

    /** The local table name, from the runner's environment variable {@link #variable()}. */
    public String tableName() {
        return createTable.tableName();
    }

    /** What {@link #createIn} did. */
    public enum Outcome { CREATED, ALREADY_EXISTED }

    /** Translates the resource's {@code Properties}; a missing key schema or attribute list is refused. */
    public static TableDefinition translate(String logicalId, String variable, String tableName, JsonNode properties) {
        CreateTableRequest.Builder create = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes(required(properties, "AttributeDefinitions", logicalId), logicalId))
                .keySchema(keySchema(required(properties, "KeySchema", logicalId), logicalId));
        List<GlobalSecondaryIndex> global = new ArrayList<>();
        for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
            global.add(GlobalSecondaryIndex.builder().indexName(text(index, "IndexName", logicalId))
                    .keySchema(keySchema(required(index, "KeySchema", logicalId), logicalId))
                    .projection(projection(index.path("Projection"))).build());
        }
        List<LocalSecondaryIndex> local = new ArrayList<>();
        for (JsonNode index : properties.path("LocalSecondaryIndexes")) {
            local.add(LocalSecondaryIndex.builder().indexName(text(index, "IndexName", logicalId))
                    .keySchema(keySchema(required(index, "KeySchema", logicalId), logicalId))
                    .projection(projection(index.path("Projection"))).build());
        }
        // An empty index list is an error to DynamoDB: name the indexes only when there are some.
        if (!global.isEmpty()) {
            create.globalSecondaryIndexes(global);
        }
        if (!local.isEmpty()) {
            create.localSecondaryIndexes(local);
        }
        return new TableDefinition(logicalId, variable, create.build(), timeToLive(tableName, properties, logicalId));
    }

    /**
     * Creates the table in the emulator {@code dynamo} unless it exists, then enables its TTL; an existing table is
     * not changed, data and all. Only ever call it with a client of an emulator on a loopback address.
     */
    public Outcome createIn(DynamoDbClient dynamo) {
        try {
            dynamo.createTable(createTable);
        } catch (ResourceInUseException exists) {
            return Outcome.ALREADY_EXISTED;
        }
        // UpdateTimeToLive needs an ACTIVE table; moto's is at once, other emulators may take a moment.
        dynamo.waiter().waitUntilTableExists(request -> request.tableName(tableName()));
        timeToLive.ifPresent(dynamo::updateTimeToLive);
        return Outcome.CREATED;
    }

    private static List<AttributeDefinition> attributes(JsonNode definitions, String logicalId) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode definition : definitions) {
            attributes.add(AttributeDefinition.builder().attributeName(text(definition, "AttributeName", logicalId))
                    .attributeType(text(definition, "AttributeType", logicalId)).build());
        }
        return attributes;
    }

    private static List<KeySchemaElement> keySchema(JsonNode elements, String logicalId) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode element : elements) {
            keys.add(KeySchemaElement.builder().attributeName(text(element, "AttributeName", logicalId))
                    .keyType(text(element, "KeyType", logicalId)).build());
        }
        return keys;
    }

    /** CloudFormation's default projection is {@code KEYS_ONLY}, as DynamoDB's is. */
    private static Projection projection(JsonNode projection) {
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.path("ProjectionType").asText("KEYS_ONLY"));
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(attribute -> nonKey.add(attribute.asText()));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static Optional<UpdateTimeToLiveRequest> timeToLive(String tableName, JsonNode properties, String logicalId) {
        JsonNode specification = properties.path("TimeToLiveSpecification");
        if (!specification.path("Enabled").asBoolean(false)) {
            return Optional.empty();
        }
        String attribute = text(specification, "AttributeName", logicalId);
        return Optional.of(UpdateTimeToLiveRequest.builder().tableName(tableName)
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)).build());
    }

    private static JsonNode required(JsonNode node, String name, String logicalId) {
        JsonNode value = node.path(name);
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException(logicalId + " needs a non-empty " + name + " for the local API");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String logicalId) {
        JsonNode value = node.path(name);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(logicalId + " needs a " + name + " in each entry for the local API");
        }
        return value.asText();
    }
}
