package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.local.LocalApiCalls.Answer;
import health.registration.local.LocalApiCalls.Registered;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end, the authority API (docs/api/authority.md) through {@code scripts/local-api} (the packaged jar, the real
 * template, the real register, operator and authority handlers, HTTPS fixtures on 127.0.0.151, DynamoDB and Secrets
 * Manager in moto), behind the local bearer token that stands in for AWS_IAM: a client registered on the open path is
 * read as a token endpoint needs it, its secret checked right and wrong, while suspended, after reinstatement and after
 * deletion. The last test stops the API and searches its whole log for the secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorityApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OperatorCaller OPERATOR = OperatorCaller.forTest("authority-api-it");

    private static LocalRegistrationService service;
    /** Each test's own client, registered before it: no test relies on another having run. */
    private JsonNode registered;
    private String clientId;
    private String secret;

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("authority-api-it", "127.0.0.151", "authority", 8,
                OPERATOR.setting());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static Answer send(String method, String path, JsonNode body, String token) throws Exception {
        return LocalApiCalls.send(service.api().baseUri(), method, path, body, token);
    }

    private static Answer operator(String method, String path, JsonNode body) throws Exception {
        return OPERATOR.send(service, method, path, body);
    }

    @BeforeEach
    void registerAClient() throws Exception {
        Registered answer = LocalApiCalls.register(service.api().baseUri(),
                RegistrationMetadata.jsonHostedOn(service.sites().nextHost()));
        registered = answer.json();
        clientId = answer.clientId();
        secret = answer.secret();
    }

    private boolean verify(String presented) throws Exception {
        Answer answer = operator("POST", "/authority/clients/" + clientId + "/verify-secret",
                JSON.createObjectNode().put("client_secret", presented));
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.json().path("valid").asBoolean();
    }

    @Test
    void readsAnOpenRegistrationAsATokenEndpointNeedsIt() throws Exception {
        Answer read = operator("GET", "/authority/clients/" + clientId, null);

        assertThat(read.status()).as(read.json().toString()).isEqualTo(200);
        assertThat(read.json().path("client_id").asText()).isEqualTo(clientId);
        assertThat(read.json().path("client_status").asText()).isEqualTo("active");
        assertThat(read.json().path("registration_path").asText()).isEqualTo("open");
        assertThat(read.json().path("token_endpoint_auth_method").asText())
                .isEqualTo(registered.path("token_endpoint_auth_method").asText());
        assertThat(read.json().path("redirect_uris")).isEqualTo(registered.path("redirect_uris"));
        assertThat(read.json().path("grant_types")).isEqualTo(registered.path("grant_types"));
        assertThat(read.json().path("client_secret_expires_at").asLong())
                .isEqualTo(registered.path("client_secret_expires_at").asLong());
        assertThat(read.json().toString()).doesNotContain(secret).doesNotContain("registration_access_token");
    }

    @Test
    void checksTheRightAndAWrongSecret() throws Exception {
        assertThat(verify(secret)).isTrue();
        assertThat(verify(secret.substring(1) + "A")).isFalse();
        assertThat(verify("short")).isFalse();
    }

    @Test
    void noSecretIsValidWhileTheClientIsSuspended() throws Exception {
        String item = "/operator/clients/" + clientId;
        assertThat(operator("POST", item + "/suspend", null).json().path("client_status").asText()).isEqualTo("suspended");
        assertThat(operator("GET", "/authority/clients/" + clientId, null).json().path("client_status").asText())
                .isEqualTo("suspended");
        assertThat(verify(secret)).isFalse();

        assertThat(operator("POST", item + "/reinstate", null).json().path("client_status").asText()).isEqualTo("active");
        assertThat(verify(secret)).isTrue();
    }

    @Test
    void refusesABadBodyAndACallerWithoutTheToken() throws Exception {
        Answer bad = operator("POST", "/authority/clients/" + clientId + "/verify-secret",
                JSON.createObjectNode().put("client_secret", 7));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("/client_secret");

        Answer unsigned = send("POST", "/authority/clients/" + clientId + "/verify-secret",
                JSON.createObjectNode().put("client_secret", secret), null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(send("GET", "/authority/clients/" + clientId, null, "not-the-" + OPERATOR.token()).status())
                .isEqualTo(401);
    }

    @Test
    void aDeletedClientIsNotFoundAndItsSecretNoLongerValid() throws Exception {
        assertThat(operator("DELETE", "/operator/clients/" + clientId, null).status()).isEqualTo(204);

        Answer read = operator("GET", "/authority/clients/" + clientId, null);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().path("error").asText()).isEqualTo("not_found");
        assertThat(read.json().path("errors").get(0).path("code").asText()).isEqualTo("not_found");
        assertThat(verify(secret)).isFalse();
    }

    /** Last, as it stops the service; it makes the calls it looks for itself. */
    @Test
    @Order(Integer.MAX_VALUE)
    void auditsEveryCallWithoutTheSecretOrTheToken() throws Exception {
        assertThat(operator("GET", "/authority/clients/" + clientId, null).status()).isEqualTo(200);
        assertThat(verify(secret)).isTrue();
        assertThat(verify(secret.substring(1) + "A")).isFalse();

        String log = service.stopAndReadLog();

        assertThat(log).contains("\"action\":\"authority.read\"").contains("\"action\":\"authority.verify_secret\"")
                .contains("\"outcome\":\"valid\"").contains("\"outcome\":\"invalid\"");
        assertThat(log).doesNotContain(secret).doesNotContain(OPERATOR.token());
    }
}
