package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import health.registration.template.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The template's tables as CreateTable and UpdateTimeToLive calls, without any emulator. */
class TemplateTablesTest {

    static final Map<String, String> LOCAL = Map.of("CLIENTS_TABLE", "registration-clients-local",
            "CERTIFICATES_TABLE", "registration-certificates-local",
            "REQUEST_COUNTS_TABLE", "registration-request-counts-local");

    private static SamTemplate template(Path dir, String yaml) throws IOException {
        return SamTemplate.read(Files.writeString(dir.resolve("template.yaml"), yaml));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Test
    void translatesTheRealClientsTable() throws IOException {
        List<TableDefinition> tables = TemplateTables.of(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE), LOCAL);
        assertThat(tables).hasSize(3).first().satisfies(table -> {
            assertThat(table.logicalId()).isEqualTo("ClientsTable");
            assertThat(table.variable()).isEqualTo("CLIENTS_TABLE");
            assertThat(table.tableName()).isEqualTo("registration-clients-local");
        });
        CreateTableRequest create = tables.get(0).createTable();
        assertThat(create.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(create.attributeDefinitions()).containsExactly(
                AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("nextCheckAt").attributeType(ScalarAttributeType.N).build(),
                AttributeDefinition.builder().attributeName("certificateThumbprint").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("clientDomain").attributeType(ScalarAttributeType.S).build());
        assertThat(create.keySchema()).containsExactly(key("pk", KeyType.HASH));
        assertThat(create.hasLocalSecondaryIndexes()).isFalse();
        assertThat(create.provisionedThroughput()).isNull();
    }

    @Test
    void translatesTheRealCertificatesTableWithItsSortKey() throws IOException {
        TableDefinition table = TemplateTables.of(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE), LOCAL).get(1);
        assertThat(table.logicalId()).isEqualTo("CertificatesTable");
        assertThat(table.variable()).isEqualTo("CERTIFICATES_TABLE");
        assertThat(table.tableName()).isEqualTo("registration-certificates-local");
        CreateTableRequest create = table.createTable();
        assertThat(create.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(create.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("sanUri");
            assertThat(index.keySchema()).containsExactly(key("sanUri", KeyType.HASH));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
        assertThat(table.timeToLive()).hasValueSatisfying(ttl ->
                assertThat(ttl.timeToLiveSpecification().attributeName()).isEqualTo("expiresAt"));
    }

    @Test
    void translatesTheRealStatusIndexWithItsProjection() throws IOException {
        CreateTableRequest create = TemplateTables.of(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE), LOCAL).get(0).createTable();
        assertThat(create.globalSecondaryIndexes()).hasSize(3).first().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("status-nextCheckAt");
            assertThat(index.keySchema()).containsExactly(key("status", KeyType.HASH), key("nextCheckAt", KeyType.RANGE));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
            assertThat(index.projection().hasNonKeyAttributes()).isFalse();
            assertThat(index.provisionedThroughput()).isNull();
        });
        assertThat(create.globalSecondaryIndexes().get(1)).satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("certificateThumbprint");
            assertThat(index.keySchema()).containsExactly(key("certificateThumbprint", KeyType.HASH));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
        assertThat(create.globalSecondaryIndexes().get(2)).satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("clientDomain");
            assertThat(index.keySchema()).containsExactly(key("clientDomain", KeyType.HASH));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
    }

    @Test
    void enablesTheRealTimeToLiveAttribute() throws IOException {
        TableDefinition table = TemplateTables.of(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE), LOCAL).get(0);
        assertThat(table.timeToLive()).hasValueSatisfying(ttl -> {
            assertThat(ttl.tableName()).isEqualTo("registration-clients-local");
            assertThat(ttl.timeToLiveSpecification().attributeName()).isEqualTo("expiresAt");
            assertThat(ttl.timeToLiveSpecification().enabled()).isTrue();
        });
    }

    @Test
    void findsTheRealTablesVariableInEveryFunctionThatReferencesIt() throws IOException {
        assertThat(TemplateTables.variablesByTable(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE)))
                .containsOnly(Map.entry("ClientsTable", Set.of("CLIENTS_TABLE")),
                        Map.entry("CertificatesTable", Set.of("CERTIFICATES_TABLE")),
                        Map.entry("RequestCountsTable", Set.of("REQUEST_COUNTS_TABLE")));
    }

    @Test
    void asksForTheVariableWhenTheEnvironmentLacksIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TemplateTables.of(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE),
                        Map.of("CLIENTS_TABLE", " ", "CERTIFICATES_TABLE", "registration-certificates-local",
                                "REQUEST_COUNTS_TABLE", "registration-request-counts-local")))
                .withMessageContaining("set CLIENTS_TABLE").withMessageContaining("ClientsTable");
    }

    @Test
    void findsTheTestTemplatesTablelessFunctionsHaveNoTables() throws Exception {
        assertThat(TemplateTables.of(SamTemplate.read(SamTemplateTest.testTemplate()), Map.of())).isEmpty();
    }

    @Test
    void translatesLocalIndexesNonKeyAttributesDefaultsAndTheLongRefForm(@TempDir Path dir) throws IOException {
        SamTemplate template = template(dir, """
                Globals:
                  Function:
                    Environment: {Variables: {ITEMS: {Ref: Items}}}
                Resources:
                  Items:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PROVISIONED
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: at, AttributeType: N}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: at, KeyType: RANGE}]
                      LocalSecondaryIndexes:
                        - IndexName: by-at
                          KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: at, KeyType: RANGE}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [name]}
                      GlobalSecondaryIndexes:
                        - IndexName: by-id
                          KeySchema: [{AttributeName: at, KeyType: HASH}]
                      TimeToLiveSpecification: {AttributeName: gone, Enabled: false}
                """);
        TableDefinition table = TemplateTables.of(template, Map.of("ITEMS", "items-local")).get(0);
        assertThat(table.variable() + " " + table.createTable().billingMode()).isEqualTo("ITEMS PAY_PER_REQUEST");
        LocalSecondaryIndex local = table.createTable().localSecondaryIndexes().get(0);
        assertThat(local.projection().projectionTypeAsString() + " " + local.projection().nonKeyAttributes())
                .isEqualTo("INCLUDE [name]");
        GlobalSecondaryIndex global = table.createTable().globalSecondaryIndexes().get(0);
        assertThat(global.projection().projectionType()).as("CloudFormation's default").isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(table.timeToLive()).isEmpty();
    }

    @Test
    void refusesATableNoFunctionIsToldTheNameOf(@TempDir Path dir) throws IOException {
        SamTemplate template = template(dir, """
                Resources:
                  Orphan:
                    Type: AWS::DynamoDB::Table
                    Properties: {AttributeDefinitions: [{AttributeName: id, AttributeType: S}], KeySchema: [{AttributeName: id, KeyType: HASH}]}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: x.Y, Environment: {Variables: {ARN: !GetAtt Orphan.Arn}}}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateTables.of(template, Map.of("ARN", "x")))
                .withMessageContaining("Orphan").withMessageContaining("!Ref Orphan");
    }

    @Test
    void refusesOneVariableNamingTwoTables(@TempDir Path dir) throws IOException {
        SamTemplate template = template(dir, """
                Resources:
                  A: {Type: AWS::DynamoDB::Table, Properties: {}}
                  B: {Type: AWS::DynamoDB::Table, Properties: {}}
                  FnA: {Type: AWS::Serverless::Function, Properties: {Handler: x.Y, Environment: {Variables: {TABLE: !Ref A}}}}
                  FnB: {Type: AWS::Serverless::Function, Properties: {Handler: x.Y, Environment: {Variables: {TABLE: !Ref B}}}}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateTables.of(template, Map.of("TABLE", "t")))
                .withMessageContaining("TABLE names both A and B");
    }

    @Test
    void refusesTwoVariablesGivingOneTableDifferentNames(@TempDir Path dir) throws IOException {
        SamTemplate template = template(dir, """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties: {AttributeDefinitions: [{AttributeName: id, AttributeType: S}], KeySchema: [{AttributeName: id, KeyType: HASH}]}
                  Fn: {Type: AWS::Serverless::Function, Properties: {Handler: x.Y, Environment: {Variables: {ONE: !Ref T, TWO: !Ref T}}}}
                """);
        assertThat(TemplateTables.of(template, Map.of("ONE", "t", "TWO", "t")).get(0).tableName()).isEqualTo("t");
        assertThat(TemplateTables.of(template, Map.of("TWO", "t2")).get(0).tableName()).isEqualTo("t2");
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateTables.of(template, Map.of("ONE", "a", "TWO", "b")))
                .withMessageContaining("different names");
    }

    @Test
    void refusesATableWithoutAKeySchema(@TempDir Path dir) throws IOException {
        SamTemplate template = template(dir, """
                Resources:
                  T: {Type: AWS::DynamoDB::Table, Properties: {AttributeDefinitions: [{AttributeName: id, AttributeType: S}]}}
                  Fn: {Type: AWS::Serverless::Function, Properties: {Handler: x.Y, Environment: {Variables: {T: !Ref T}}}}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateTables.of(template, Map.of("T", "t")))
                .withMessageContaining("T needs a non-empty KeySchema");
    }
}
