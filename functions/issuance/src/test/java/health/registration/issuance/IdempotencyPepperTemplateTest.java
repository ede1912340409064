package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.edge.Settings;
import health.registration.testkit.TemplateTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key pepper in the template: generated (nobody types or sees it), named to the register function,
 * granted to its role alone, and denied by the secret's own policy to every other principal.
 */
class IdempotencyPepperTemplateTest {

    private static final String SECRET = "IdempotencyPepperSecret";

    @Test
    void generatesThePepperOfAtLeast32Characters() {
        JsonNode generated = TemplateTable.resources().path(SECRET).path("Properties").path("GenerateSecretString");

        assertThat(TemplateTable.resources().path(SECRET).path("Type").asText()).isEqualTo("AWS::SecretsManager::Secret");
        assertThat(generated.path("PasswordLength").asInt()).isGreaterThanOrEqualTo(32);
        assertThat(TemplateTable.resources().path(SECRET).path("Properties").has("SecretString")).isFalse();
    }

    @Test
    void namesThePepperToTheRegisterFunctionOnly() {
        List<String> functions = new ArrayList<>();
        TemplateTable.resources().properties().forEach(resource -> {
            if (resource.getValue().path("Properties").path("Environment").path("Variables")
                    .has(Settings.IDEMPOTENCY_PEPPER_SECRET)) {
                functions.add(resource.getKey());
            }
        });

        assertThat(functions).containsExactly("RegisterFunction");
    }

    @Test
    void letsOnlyTheRegisterFunctionRoleReadThePepper() {
        List<String> roles = new ArrayList<>();
        TemplateTable.resources().properties().forEach(resource -> {
            if (resource.getValue().path("Properties").path("Policies").toString().contains(SECRET)) {
                roles.add(resource.getKey());
            }
        });
        JsonNode deny = TemplateTable.resources().path(SECRET + "Policy").path("Properties").path("ResourcePolicy")
                .path("Statement").get(0);

        assertThat(roles).containsExactly("RegisterFunctionRole");
        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Action").asText()).isEqualTo("secretsmanager:GetSecretValue");
        assertThat(deny.path("Condition").path("StringNotEquals").path("aws:PrincipalArn").toString())
                .contains("RegisterFunctionRole");
    }
}
