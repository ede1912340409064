package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the certificate adapters rely on are the ones {@code infrastructure/template.yaml} declares. */
class CertificatesTableTest {

    private final JsonNode table = TemplateTable.resources().path("CertificatesTable").path("Properties");

    @Test
    void sanUriIndexIsKeyedByTheSanUriAndProjectsEverything() {
        JsonNode index = null;
        for (JsonNode candidate : table.path("GlobalSecondaryIndexes")) {
            if (CertificatesTable.SAN_URI_INDEX.equals(candidate.path("IndexName").asText())) {
                index = candidate;
            }
        }
        assertThat(index).as("index " + CertificatesTable.SAN_URI_INDEX).isNotNull();
        List<String> keys = new ArrayList<>();
        index.path("KeySchema").forEach(k -> keys.add(k.path("AttributeName").asText() + " " + k.path("KeyType").asText()));
        assertThat(keys).containsExactly(CertificatesTable.SAN_URI + " HASH");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("ALL");
        assertThat(table.path("AttributeDefinitions").findValuesAsText("AttributeName")).contains(CertificatesTable.SAN_URI);
    }

    @Test
    void timeToLiveIsExpiresAt() {
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(CertificatesTable.EXPIRES_AT);
        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
    }
}
