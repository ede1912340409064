package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator API is never open to the internet: every API route under {@code /operator/} carries AWS_IAM
 * authorisation (API Gateway invoking through the function's resource policy, not the caller's credentials), and
 * every other route stays open.
 */
class OperatorRoutesTemplateTest {

    private record ApiRoute(String function, String path, String method, JsonNode auth) {}

    private static List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : TemplateTable.resources().properties()) {
            if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                continue;
            }
            for (JsonNode event : resource.getValue().path("Properties").path("Events")) {
                if (event.path("Type").asText().equals("Api")) {
                    JsonNode api = event.path("Properties");
                    routes.add(new ApiRoute(resource.getKey(), api.path("Path").asText(), api.path("Method").asText(),
                            api.path("Auth")));
                }
            }
        }
        return routes;
    }

    /** The AWS_IAM-only paths: the operator API and the authority API (docs/api/authority.md). */
    private static boolean iamOnlyPath(String path) {
        return path.equals("/operator") || path.startsWith("/operator/")
                || path.equals("/authority") || path.startsWith("/authority/");
    }

    @Test
    void servesTheOperatorClientRoutes() {
        assertThat(routes()).filteredOn(route -> route.function().equals("OperatorFunction"))
                .extracting(route -> route.method() + " " + route.path())
                .containsExactlyInAnyOrder("post /operator/clients", "get /operator/clients", "get /operator/clients/{client_id}",
                        "put /operator/clients/{client_id}", "delete /operator/clients/{client_id}",
                        "post /operator/clients/{client_id}/suspend", "post /operator/clients/{client_id}/reinstate",
                        // every other method answers 405 (docs/api/registration.md, "HTTP behaviour")
                        "any /operator/clients", "any /operator/clients/{client_id}",
                        "any /operator/clients/{client_id}/suspend", "any /operator/clients/{client_id}/reinstate");
    }

    @Test
    void servesTheAuthorityRoutesFromTheAuthorityFunctionOnly() {
        assertThat(routes()).filteredOn(route -> route.path().startsWith("/authority/")).isNotEmpty()
                .allSatisfy(route -> assertThat(route.function()).isEqualTo("AuthorityFunction"))
                .extracting(route -> route.method() + " " + route.path())
                .containsExactlyInAnyOrder("get /authority/clients/{client_id}",
                        "post /authority/clients/{client_id}/verify-secret", "any /authority/clients/{client_id}",
                        "any /authority/clients/{client_id}/verify-secret");
    }

    @Test
    void deploysTheCertificatesFunctionItsRoleAndItsRoutesOnlyWithACaKey() {
        JsonNode resources = TemplateTable.resources();

        assertThat(List.of("CertificatesFunction", "CertificatesFunctionRole", "CertificatesFunctionLogGroup"))
                .allSatisfy(name -> assertThat(resources.path(name).path("Condition").asText()).as(name)
                        .isEqualTo("HasCertificateAuthoritySecret"));
        assertThat(routes()).filteredOn(route -> route.path().startsWith("/operator/certificates")
                        || route.path().startsWith("/crl/"))
                .isNotEmpty().allSatisfy(route -> assertThat(route.function()).isEqualTo("CertificatesFunction"));
    }

    @Test
    void authorisesEveryOperatorRouteWithAwsIam() {
        List<ApiRoute> operator = routes().stream().filter(route -> iamOnlyPath(route.path())).toList();

        assertThat(operator).isNotEmpty().allSatisfy(route -> {
            assertThat(route.auth().path("Authorizer").asText()).as(route.toString()).isEqualTo("AWS_IAM");
            assertThat(route.auth().path("InvokeRole").asText()).as(route.toString()).isEqualTo("NONE");
        });
    }

    @Test
    void keepsEveryOtherRouteOpen() {
        assertThat(routes()).filteredOn(route -> !iamOnlyPath(route.path())).isNotEmpty()
                .allSatisfy(route -> assertThat(route.auth().isMissingNode()).as(route.toString()).isTrue());
    }

    @Test
    void letsTheOperatorFunctionUseTheSecretsKeyOnlyThroughSecretsManager() {
        List<JsonNode> grants = new ArrayList<>();
        TemplateTable.resources().path("OperatorFunctionRole").path("Properties").path("Policies").forEach(policy ->
                policy.path("PolicyDocument").path("Statement").forEach(statement -> {
                    if (statement.path("Resource").asText().equals("SecretsKey.Arn")) {
                        grants.add(statement);
                    }
                }));

        assertThat(grants).singleElement().satisfies(grant -> {
            assertThat(grant.path("Action").toString()).contains("kms:GenerateDataKey").contains("kms:Decrypt");
            assertThat(grant.path("Condition").path("StringEquals").path("kms:ViaService").asText())
                    .startsWith("secretsmanager.");
        });
    }
}
