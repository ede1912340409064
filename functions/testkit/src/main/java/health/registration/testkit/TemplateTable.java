package health.registration.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.template.TableDefinition;
import health.registration.template.TemplateYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A uniquely named copy of one of the template's tables ({@code ClientsTable} unless named) in the emulator: its attribute definitions, key
 * schema, indexes and time-to-live are read from {@code infrastructure/template.yaml} and translated as the local
 * runner translates them ({@link TableDefinition}), so a test runs against the table that will be deployed. Closing
 * it deletes it. Only ever call it with a client that {@link MotoServer#require} has checked.
 */
public final class TemplateTable implements AutoCloseable {

    public static final String RESOURCE = "ClientsTable";

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
        TableDefinition.translate(resource, "", name, properties).createIn(dynamo);
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
            return TemplateYaml.read(template).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    @Override
    public void close() {
        dynamo.deleteTable(r -> r.tableName(name));
    }
}
