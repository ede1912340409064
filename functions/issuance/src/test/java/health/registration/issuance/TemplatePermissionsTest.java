package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege, checked against what the code calls: moto enforces no IAM, so a missing action would only show in
 * AWS. Each role grants exactly the actions its function's adapters use, and no wildcard action.
 */
class TemplatePermissionsTest {

    private static final Set<String> LOGS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of("ValidateFunctionRole", LOGS),
                Arguments.of("ProbeFunctionRole", LOGS),
                // POST /probe for anyone: its per-source counters (RequestCountsTable), nothing else.
                Arguments.of("PublicProbeFunctionRole", with("dynamodb:UpdateItem")),
                Arguments.of("RegisterFunctionRole", with(
                        // ClientStore create/replace, IdempotencyStore claim/find/complete/release, UdapClientStore and
                        // JtiStore (transactions with a condition check on the issuer's mapping).
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:ConditionCheckItem",
                        // ClientsPerDomain's count on the clientDomain index (the per-source counters: UpdateItem).
                        "dynamodb:Query",
                        // SecretStore create (with tags; a retry is recognised by its request token, never read back).
                        "secretsmanager:CreateSecret", "secretsmanager:TagResource",
                        // The Idempotency-Key pepper, and the UDAP trust anchors when their secret is named (never a
                        // client secret).
                        "secretsmanager:GetSecretValue",
                        // Through Secrets Manager only: a data key for a new client secret under the stack's key; the
                        // UDAP anchors under a customer managed key (ConfigurationSecretsKeyArn).
                        "kms:GenerateDataKey", "kms:Decrypt",
                        "lambda:InvokeFunction",
                        // Change events: registered, updated, certificate rebound, deleted (a UDAP cancellation).
                        "events:PutEvents")),
                // Reads its UDAP configuration (keys, anchors) from Secrets Manager, only when those secrets are named
                // (and their customer managed key, when they have one).
                Arguments.of("DiscoveryFunctionRole", with("secretsmanager:GetSecretValue", "kms:Decrypt")),
                Arguments.of("ManageFunctionRole", with(
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
                        "secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret", "kms:Decrypt",
                        "lambda:InvokeFunction",
                        // Publishes ClientReinstated when an update reinstates a warning or suspended client.
                        "events:PutEvents")),
                Arguments.of("ReverifyFunctionRole", with(
                        // Due pages through the status index; each check a conditional put on the version read.
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                        "lambda:InvokeFunction", "events:PutEvents",
                        // Sends fan-out segments, consumes them (the SQS event source), fails runs to the DLQ.
                        "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                        "sqs:ChangeMessageVisibility")),
                Arguments.of("OperatorFunctionRole", with(
                        // ClientStore find/create/replace/delete; the listing's pages through the status index.
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query",
                        // SecretStore create (with tags; never read back), scheduled deletion on delete.
                        "secretsmanager:CreateSecret", "secretsmanager:TagResource", "secretsmanager:DeleteSecret",
                        "kms:GenerateDataKey", "kms:Decrypt",
                        "lambda:InvokeFunction",
                        // Lifecycle events (suspended, reinstated) and the audit trail of operator actions.
                        "events:PutEvents")),
                Arguments.of("CleanupFunctionRole", with(
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query",
                        "secretsmanager:DeleteSecret",
                        // ClientDeleted of a deletion it finishes, published before the record goes.
                        "events:PutEvents")),
                Arguments.of("CertificatesFunctionRole", with(
                        // CertificateStore record/find, revoke (a transaction of an update and a put), revoked (Query).
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
                        // The CA's key; probing the app's URLs; the audit events.
                        "secretsmanager:GetSecretValue", "kms:Decrypt", "lambda:InvokeFunction", "events:PutEvents")));
    }

    private static Set<String> with(String... actions) {
        Set<String> all = new TreeSet<>(LOGS);
        all.addAll(Set.of(actions));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void grantsEachRoleExactlyTheActionsItsFunctionCalls(String role, Set<String> expected) {
        assertThat(actionsOf(role)).containsExactlyInAnyOrderElementsOf(expected)
                .noneMatch(action -> action.endsWith("*"));
    }

    @org.junit.jupiter.api.Test
    void onlyTheCertificatesFunctionMayReadTheCaKey() {
        TemplateTable.resources().properties().forEach(resource -> {
            boolean names = resource.getValue().path("Properties").path("Policies").toString()
                    .contains("CertificateAuthoritySecret");
            assertThat(names).as(resource.getKey()).isEqualTo(resource.getKey().equals("CertificatesFunctionRole"));
        });
    }

    @org.junit.jupiter.api.Test
    void givesTheRegisterFunctionNoWriteOnTheCertificatesTable() {
        JsonNode statements = TemplateTable.resources().path("RegisterFunctionRole").path("Properties")
                .path("Policies").get(0).path("PolicyDocument").path("Statement");
        java.util.List<String> onCertificates = new java.util.ArrayList<>();
        statements.forEach(statement -> {
            if (statement.path("Resource").toString().contains("CertificatesTable")) {
                onCertificates.add(statement.path("Action").toString());
            }
        });
        assertThat(onCertificates).containsExactly("\"dynamodb:GetItem\"");
    }

    @org.junit.jupiter.api.Test
    void theRegisterFunctionNeitherReadsNorDeletesAClientSecret() {
        // Least privilege: a compromised registration cannot read or remove other clients' secrets.
        assertThat(actionsOn("RegisterFunctionRole", "${SecretPrefix}")).containsExactlyInAnyOrder(
                "secretsmanager:CreateSecret", "secretsmanager:TagResource");
    }

    @org.junit.jupiter.api.Test
    void onlyTheFunctionsThatAnswerWithSecretsReadClientSecrets() {
        // The manage function compares a client_secret sent in an RFC 7592 update with the stored one; the authority
        // function one an authorization server presents (docs/api/authority.md); the Keycloak connector gives the
        // realm's client the same secret (docs/operations/keycloak.md).
        TemplateTable.resources().properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::IAM::Role")) {
                boolean reads = actionsOn(resource.getKey(), "${SecretPrefix}").contains("secretsmanager:GetSecretValue");
                assertThat(reads).as(resource.getKey()).isEqualTo(Set.of("ManageFunctionRole", "AuthorityFunctionRole", "KeycloakConnectorFunctionRole").contains(resource.getKey()));
            }
        });
    }

    /** The actions a role's statements grant on resources whose text contains {@code resource}. */
    private static Set<String> actionsOn(String role, String resource) {
        Set<String> actions = new TreeSet<>();
        TemplateTable.resources().path(role).path("Properties").path("Policies").forEach(policy -> policy
                .path("PolicyDocument").path("Statement").forEach(written -> {
                    JsonNode statement = written.isArray() ? written.get(1) : written;
                    if (statement.path("Resource").toString().contains(resource)) {
                        JsonNode action = statement.path("Action");
                        (action.isArray() ? action : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                                .arrayNode().add(action)).forEach(a -> actions.add(a.asText()));
                    }
                }));
        return actions;
    }

    private static Set<String> actionsOf(String role) {
        JsonNode policies = TemplateTable.resources().path(role).path("Properties").path("Policies");
        Set<String> actions = new TreeSet<>();
        policies.forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(written -> {
            // A statement under !If [condition, statement, !Ref AWS::NoValue] reads as that three-element list.
            JsonNode statement = written.isArray() ? written.get(1) : written;
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }));
        return actions;
    }
}
