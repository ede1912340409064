package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names the adapters rely on are the ones {@code infrastructure/template.yaml} declares. */
class ClientsTableTest {

    private final JsonNode table = TemplateTable.properties();

    @Test
    void keyIsTheTablesOnlyKeyAndAString() {
        assertThat(keys(table.path("KeySchema"))).containsExactly(ClientsTable.KEY + " HASH");
        assertThat(attributeTypes()).containsEntry(ClientsTable.KEY, "S");
    }

    @Test
    void statusIndexIsKeyedByStatusThenNextCheckAtAndProjectsEverything() {
        JsonNode index = null;
        for (JsonNode candidate : table.path("GlobalSecondaryIndexes")) {
            if (ClientsTable.STATUS_INDEX.equals(candidate.path("IndexName").asText())) {
                index = candidate;
            }
        }
        assertThat(index).as("index " + ClientsTable.STATUS_INDEX).isNotNull();
        assertThat(keys(index.path("KeySchema")))
                .containsExactly(ClientsTable.STATUS + " HASH", ClientsTable.NEXT_CHECK_AT + " RANGE");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("ALL");
        assertThat(attributeTypes()).containsEntry(ClientsTable.STATUS, "S").containsEntry(ClientsTable.NEXT_CHECK_AT, "N");
    }

    @Test
    void certificateIndexIsKeyedByTheThumbprintAndProjectsKeysOnly() {
        JsonNode index = null;
        for (JsonNode candidate : table.path("GlobalSecondaryIndexes")) {
            if (ClientsTable.CERTIFICATE_INDEX.equals(candidate.path("IndexName").asText())) {
                index = candidate;
            }
        }
        assertThat(index).as("index " + ClientsTable.CERTIFICATE_INDEX).isNotNull();
        assertThat(keys(index.path("KeySchema"))).containsExactly(ClientsTable.CERTIFICATE_THUMBPRINT + " HASH");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("KEYS_ONLY");
        assertThat(attributeTypes()).containsEntry(ClientsTable.CERTIFICATE_THUMBPRINT, "S");
    }

    @Test
    void domainIndexIsKeyedByTheClientsDomainAndProjectsKeysOnly() {
        JsonNode index = null;
        for (JsonNode candidate : table.path("GlobalSecondaryIndexes")) {
            if (ClientsTable.DOMAIN_INDEX.equals(candidate.path("IndexName").asText())) {
                index = candidate;
            }
        }
        assertThat(index).as("index " + ClientsTable.DOMAIN_INDEX).isNotNull();
        assertThat(keys(index.path("KeySchema"))).containsExactly(ClientsTable.CLIENT_DOMAIN + " HASH");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("KEYS_ONLY");
        assertThat(attributeTypes()).containsEntry(ClientsTable.CLIENT_DOMAIN, "S");
    }

    @Test
    void timeToLiveIsExpiresAt() {
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(ClientsTable.EXPIRES_AT);
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
    }

    @Test
    void everyFunctionsTableVariableNamesTheClientsTable() {
        List<String> named = new ArrayList<>();
        TemplateTable.resources().forEach(resource -> {
            JsonNode variable = resource.path("Properties").path("Environment").path("Variables").path(ClientsTable.NAME_VARIABLE);
            if (!variable.isMissingNode()) {
                named.add(variable.asText());
            }
        });
        assertThat(named).isNotEmpty().containsOnly(TemplateTable.RESOURCE);
    }

    private static List<String> keys(JsonNode schema) {
        List<String> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(k.path("AttributeName").asText() + " " + k.path("KeyType").asText()));
        return keys;
    }

    private Map<String, String> attributeTypes() {
        Map<String, String> types = new java.util.HashMap<>();
        table.path("AttributeDefinitions").forEach(a -> types.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
        return types;
    }
}
