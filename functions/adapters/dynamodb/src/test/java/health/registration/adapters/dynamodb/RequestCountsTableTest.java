package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names {@link DynamoRequestCounter} relies on are the ones {@code infrastructure/template.yaml} declares. */
class RequestCountsTableTest {

    private static final String RESOURCE = "RequestCountsTable";

    private final JsonNode table = TemplateTable.resources().path(RESOURCE).path("Properties");

    @Test
    void keyIsTheTablesOnlyKeyAndAString() {
        assertThat(table.path("KeySchema")).hasSize(1);
        assertThat(table.path("KeySchema").get(0).path("AttributeName").asText()).isEqualTo(RequestCountsTable.KEY);
        assertThat(table.path("KeySchema").get(0).path("KeyType").asText()).isEqualTo("HASH");
        assertThat(table.path("AttributeDefinitions").get(0).path("AttributeType").asText()).isEqualTo("S");
    }

    @Test
    void timeToLiveIsExpiresAt() {
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(RequestCountsTable.EXPIRES_AT);
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
    }

    @Test
    void everyFunctionsCountsVariableNamesTheTable() {
        List<String> named = new ArrayList<>();
        TemplateTable.resources().forEach(resource -> {
            JsonNode variable = resource.path("Properties").path("Environment").path("Variables")
                    .path(RequestCountsTable.NAME_VARIABLE);
            if (!variable.isMissingNode()) {
                named.add(variable.asText());
            }
        });
        assertThat(named).hasSize(2).containsOnly(RESOURCE);
    }
}
