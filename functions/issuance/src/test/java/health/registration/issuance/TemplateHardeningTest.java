package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.testkit.SampleEvents;
import health.registration.testkit.TemplateTable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fail-closed properties of the deployed template that moto cannot show: the prober's test seams never set, the API's
 * resource policy open exactly on the public routes, access logs without headers or bodies, the operator invoke
 * policies split, and the key policy naming only the functions that use the key.
 */
class TemplateHardeningTest {

    private static final JsonNode RESOURCES = TemplateTable.resources();
    private static final Pattern CONTEXT_VARIABLE = Pattern.compile("\\$context\\.([A-Za-z.]+)");
    /** Access log fields that carry no header, body or query string (API Gateway $context variables). */
    private static final Set<String> LOGGABLE = Set.of("requestId", "requestTimeEpoch", "identity.sourceIp",
            "identity.userArn", "httpMethod", "resourcePath", "stage", "protocol", "status", "responseLength",
            "responseLatency", "integrationLatency", "error.responseType");

    @Test
    void noPartOfTheTemplateNamesAProbeTestSeam() throws Exception {
        String template = Files.readString(SampleEvents.folder().resolveSibling("infrastructure").resolve("template.yaml"));

        for (String seam : List.of("PROBE_HOSTS_FILE", "PROBE_TRUSTED_CA_FILE", "PROBE_ALLOWED_CIDRS", "PROBE_TEST_SEAMS")) {
            assertThat(template).as("the template's text").doesNotContain(seam);
        }
        RESOURCES.properties().forEach(resource -> resource.getValue().path("Properties").path("Environment")
                .path("Variables").fieldNames().forEachRemaining(name -> assertThat(name).as(resource.getKey())
                        .satisfiesAnyOf(n -> assertThat(n).doesNotStartWith("PROBE_"),
                                n -> assertThat(n).isEqualTo("PROBE_FUNCTION_NAME"))));
    }

    @Test
    void logsEveryRequestAsJsonWithoutHeadersBodiesOrQueryStrings() throws Exception {
        JsonNode setting = RESOURCES.path("RegistrationApi").path("Properties").path("AccessLogSetting");
        JsonNode format = new ObjectMapper().readTree(setting.path("Format").asText());
        List<String> variables = new ArrayList<>();
        format.forEach(value -> {
            Matcher variable = CONTEXT_VARIABLE.matcher(value.asText());
            assertThat(variable.matches()).as("one $context variable per field: " + value).isTrue();
            variables.add(variable.group(1));
        });

        assertThat(variables).isSubsetOf(LOGGABLE).contains("requestId", "identity.sourceIp", "resourcePath",
                "httpMethod", "status", "responseLatency", "protocol");
        assertThat(setting.path("DestinationArn").asText()).isEqualTo("ApiAccessLogGroup.Arn");
        assertThat(RESOURCES.path("ApiAccessLogGroup").path("Properties").path("RetentionInDays").asText())
                .isEqualTo("LogRetentionInDays");
    }

    @Test
    void theApiIsOpenToAnyoneOnExactlyThePublicRoutes() {
        List<String> open = new ArrayList<>();
        JsonNode statements = RESOURCES.path("RegistrationApi").path("Properties").path("Auth").path("ResourcePolicy")
                .path("CustomStatements");
        statements.forEach(statement -> {
            if (statement.path("Effect").asText().equals("Allow") && statement.path("Principal").asText().equals("*")) {
                statement.path("Resource").forEach(resource -> open.add(resource.asText()));
            }
        });

        for (String route : routes()) {
            boolean anyone = open.stream().anyMatch(resource -> matches(resource, route));
            assertThat(anyone).as("open to anyone: " + route).isEqualTo(!route.contains("/operator/") && !route.contains("/authority/"));
        }
    }

    @Test
    void deniesTheOperatorRoutesToEveryPrincipalNotNamed() {
        JsonNode deny = statement("OperatorRoutesForNobodyElse");

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").asText()).isEqualTo("*");
        assertThat(routes()).filteredOn(route -> route.contains("/operator/"))
                .isNotEmpty().allMatch(route -> matches(deny.path("Resource").asText(), route));
        assertThat(deny.path("Condition").path("ArnNotLike").path("aws:PrincipalArn").toString())
                .contains("OperatorPrincipalArns");
    }

    @Test
    void deniesTheAuthorityRoutesToEveryPrincipalNotNamed() {
        JsonNode deny = statement("AuthorityRoutesForNobodyElse");

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").asText()).isEqualTo("*");
        assertThat(routes()).filteredOn(route -> route.contains("/authority/"))
                .isNotEmpty().allMatch(route -> matches(deny.path("Resource").asText(), route));
        assertThat(deny.path("Condition").path("ArnNotLike").path("aws:PrincipalArn").toString())
                .contains("AuthorityPrincipalArns");
        assertThat(RESOURCES.path("AuthorityClientsInvokePolicy").path("Properties").toString())
                .contains("/authority/clients/*").doesNotContain("/operator/");
    }

    @Test
    void theAuthorityFunctionOnlyReadsClientsAndSecrets() {
        String policies = RESOURCES.path("AuthorityFunctionRole").path("Properties").path("Policies").toString();

        assertThat(policies).contains("dynamodb:GetItem", "secretsmanager:GetSecretValue");
        for (String write : List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem", "dynamodb:Query",
                "secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:PutSecretValue",
                "kms:GenerateDataKey", "lambda:InvokeFunction")) {
            assertThat(policies).as(write).doesNotContain(write);
        }
    }

    @Test
    void theKeycloakConnectorOnlyReadsClientsAndSecretsAndExistsOnlyWithAKeycloak() {
        String policies = RESOURCES.path("KeycloakConnectorFunctionRole").path("Properties").path("Policies")
                .toString();

        assertThat(policies).contains("dynamodb:GetItem", "dynamodb:Query", "secretsmanager:GetSecretValue",
                "${SecretPrefix}*", "${KeycloakAdminCredentialsSecret}-??????");
        for (String write : List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem",
                "secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:PutSecretValue",
                "kms:GenerateDataKey", "lambda:InvokeFunction", "events:PutEvents", "sqs:SendMessage")) {
            assertThat(policies).as(write).doesNotContain(write);
        }
        List<String> connector = new ArrayList<>();
        RESOURCES.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("KeycloakConnector")) {
                connector.add(name);
            }
        });
        assertThat(connector).contains("KeycloakConnectorFunction", "KeycloakConnectorQueue",
                "KeycloakConnectorDeadLetterQueue", "KeycloakConnectorRule", "KeycloakConnectorQueuePolicy");
        connector.forEach(name -> assertThat(RESOURCES.path(name).path("Condition").asText()).as(name)
                .isEqualTo("HasKeycloak"));
    }

    @Test
    void splitsTheOperatorInvokePolicyIntoClientsAndCertificates() {
        JsonNode clients = RESOURCES.path("OperatorClientsInvokePolicy");
        JsonNode certificates = RESOURCES.path("OperatorCertificatesInvokePolicy");

        assertThat(RESOURCES.has("OperatorApiInvokePolicy")).isFalse();
        assertThat(clients.path("Properties").toString()).contains("/operator/clients").doesNotContain("/operator/certificates")
                .doesNotContain("/operator/*");
        assertThat(certificates.path("Properties").toString()).contains("/operator/certificates")
                .doesNotContain("/operator/clients").doesNotContain("/operator/*");
        assertThat(certificates.path("Condition").asText()).isEqualTo("HasCertificateAuthoritySecret");
    }

    @Test
    void theKeyPolicyNamesNoRoleOfTheStackSoTheCleanupCannotUseTheKey() {
        // The key policy delegates to the account's IAM policies; each role's own policy grants what it needs.
        assertThat(RESOURCES.path("SecretsKey").path("Properties").path("KeyPolicy").toString())
                .contains("AccountDelegatesToIam").doesNotContain("FunctionRole");
        assertThat(RESOURCES.path("CleanupFunctionRole").path("Properties").path("Policies").toString())
                .doesNotContain("kms:");
    }

    @Test
    void setsTheAccountsCloudWatchRoleOnlyWhenAskedAndBeforeTheApi() {
        assertThat(RESOURCES.path("ApiGatewayAccount").path("Condition").asText()).isEqualTo("CreatesApiGatewayAccountSettings");
        assertThat(RESOURCES.path("ApiGatewayAccountReady").path("Metadata").toString()).contains("ApiGatewayAccount");
        assertThat(RESOURCES.path("RegistrationApi").path("DependsOn").asText()).isEqualTo("ApiGatewayAccountReady");
    }

    private static JsonNode statement(String sid) {
        for (JsonNode statement : RESOURCES.path("RegistrationApi").path("Properties").path("Auth").path("ResourcePolicy")
                .path("CustomStatements")) {
            if (statement.path("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    /** Every Api event as API Gateway names it in a resource ARN: {@code stage/METHOD/path}, path parameters filled. */
    private static List<String> routes() {
        List<String> routes = new ArrayList<>();
        RESOURCES.properties().forEach(resource -> resource.getValue().path("Properties").path("Events").forEach(event -> {
            if (event.path("Type").asText().equals("Api")) {
                JsonNode properties = event.path("Properties");
                routes.add("v1/" + properties.path("Method").asText().toUpperCase(java.util.Locale.ROOT)
                        + properties.path("Path").asText().replaceAll("\\{[^}]+}", "x"));
            }
        }));
        assertThat(routes).as("the template's routes").hasSizeGreaterThan(10);
        return routes;
    }

    /** IAM's wildcard match of an {@code execute-api:/…} resource against a route ({@code *} matches any text). */
    private static boolean matches(String resource, String route) {
        String pattern = resource.substring("execute-api:/".length());
        return route.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }
}
