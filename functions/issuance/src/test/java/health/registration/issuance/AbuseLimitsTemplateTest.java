package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The abuse and cost limits as deployed (moto emulates neither WAF nor CloudWatch alarms, so the template is where
 * they are checked): the functions get the limits from parameters, the optional web ACL rate-limits /register and
 * /probe per IP on the API stage, and the client secrets alarm watches Secrets Manager's secret count.
 */
class AbuseLimitsTemplateTest {

    private final JsonNode resources = TemplateTable.resources();

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            RegisterFunction    | REQUEST_COUNTS_TABLE              | RequestCountsTable
            RegisterFunction    | REGISTRATIONS_PER_SOURCE_PER_HOUR | RegistrationsPerSourcePerHour
            RegisterFunction    | CLIENTS_PER_DOMAIN                | ClientsPerDomain
            PublicProbeFunction | REQUEST_COUNTS_TABLE              | RequestCountsTable
            PublicProbeFunction | PROBES_PER_SOURCE_PER_HOUR        | ProbesPerSourcePerHour
            """)
    void passesEachLimitToItsFunctionFromAParameter(String function, String variable, String reference) {
        assertThat(resources.path(function).path("Properties").path("Environment").path("Variables").path(variable).asText())
                .isEqualTo(reference);
    }

    @Test
    void rateLimitsRegisterAndProbePerIpOnTheApiStageWhenWafIsEnabled() {
        JsonNode acl = resources.path("RegistrationWebAcl");
        assertThat(acl.path("Type").asText()).isEqualTo("AWS::WAFv2::WebACL");
        assertThat(acl.path("Condition").asText()).isEqualTo("WafEnabled");
        assertThat(acl.path("Properties").path("Scope").asText()).isEqualTo("REGIONAL");
        Map<String, String> limitByPath = new HashMap<>();
        for (JsonNode rule : acl.path("Properties").path("Rules")) {
            JsonNode rate = rule.path("Statement").path("RateBasedStatement");
            assertThat(rate.path("AggregateKeyType").asText()).as(rule.path("Name").asText()).isEqualTo("IP");
            assertThat(rule.path("Action").path("Block").path("CustomResponse").path("ResponseCode").asInt()).isEqualTo(429);
            JsonNode match = rate.path("ScopeDownStatement").path("ByteMatchStatement");
            assertThat(match.path("FieldToMatch").has("UriPath")).isTrue();
            limitByPath.put(match.path("SearchString").asText(), rate.path("Limit").asText());
        }
        assertThat(limitByPath).containsOnly(Map.entry("/register", "WafRegisterRequestsPer5Minutes"),
                Map.entry("/probe", "WafProbeRequestsPer5Minutes"));
        JsonNode association = resources.path("RegistrationWebAclAssociation");
        assertThat(association.path("Condition").asText()).isEqualTo("WafEnabled");
        assertThat(association.path("Properties").path("ResourceArn").asText())
                .contains("/restapis/${RegistrationApi}/stages/${RegistrationApi.Stage}");
    }

    @Test
    void alarmsOnTheAccountsSecretCountAboveItsThreshold() {
        JsonNode alarm = resources.path("ClientSecretsAlarm").path("Properties");
        assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/Usage");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("ResourceCount");
        Map<String, String> dimensions = new HashMap<>();
        alarm.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
        assertThat(dimensions).containsExactlyInAnyOrderEntriesOf(Map.of("Service", "Secrets Manager", "Type", "Resource",
                "Resource", "SecretCount", "Class", "None"));
        assertThat(alarm.path("Threshold").asText()).isEqualTo("ClientSecretsAlarmThreshold");
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    }
}
