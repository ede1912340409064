package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import health.registration.local.LocalApiCalls.Answer;
import health.registration.core.policy.rules.TestJwks;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end, the operator API through {@code scripts/local-api} (the packaged jar, the real template, the real
 * operator, register and manage handlers, the real prober against HTTPS fixtures on 127.0.0.43, DynamoDB and Secrets
 * Manager in moto), behind the local bearer token that stands in for AWS_IAM. Each relaxation of the manual path is
 * accepted on {@code POST /operator/clients} and still refused on {@code POST /register}. The last test stops the
 * API and searches its whole log for the token and every credential issued.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OperatorCaller OPERATOR = OperatorCaller.forTest("operator-api-it");
    private static final List<String> CREDENTIALS = new ArrayList<>();

    private static LocalRegistrationService service;

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("operator-api-it", "127.0.0.43", "app", 40,
                OPERATOR.setting());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static Answer send(String method, String path, JsonNode body, String token) throws Exception {
        return issuing(LocalApiCalls.send(service.api().baseUri(), method, path, body, token));
    }

    /** The answer, its credentials kept for the last test to search the log for. */
    private static Answer issuing(Answer answer) {
        JsonNode json = answer.json();
        for (String member : new String[] {"client_secret", "registration_access_token"}) {
            if (json.hasNonNull(member)) {
                CREDENTIALS.add(json.get(member).asText());
            }
        }
        return answer;
    }

    private static Answer operator(String method, String path, JsonNode body) throws Exception {
        return issuing(OPERATOR.send(service, method, path, body));
    }

    /** Metadata hosted on a fresh fixture host, with one of the manual path's relaxations. */
    private static ObjectNode relaxed(String relaxation) throws Exception {
        String host = service.sites().nextHost();
        ObjectNode json = RegistrationMetadata.jsonHostedOn(host);
        switch (relaxation) {
            case "private-use redirect" -> json.putArray("redirect_uris").add("com.example.app:/callback");
            case "loopback redirect" -> json.putArray("redirect_uris").add("http://127.0.0.1:51004/callback");
            case "IPv6 loopback redirect" -> json.putArray("redirect_uris").add("http://[::1]:8080/callback");
            case "client_credentials with a secret" -> clientCredentials(json, "client_secret_basic");
            case "client_credentials with jwks" -> clientCredentials(json, "private_key_jwt")
                    .set("jwks", JSON.readTree(TestJwks.set("P256")));
            case "client_credentials with jwks_uri" -> clientCredentials(json, "private_key_jwt")
                    .put("jwks_uri", "https://" + host + "/page/jwks.json");
            case "native public client" -> {
                json.putArray("redirect_uris").add("com.example.app:/callback").add("http://127.0.0.1/callback");
                json.put("token_endpoint_auth_method", "none");
            }
            default -> throw new IllegalArgumentException(relaxation);
        }
        return json;
    }

    /** The seven members stay, redirect_uris among them (registration policy section 1). */
    private static ObjectNode clientCredentials(ObjectNode json, String method) {
        json.remove("response_types");
        json.putArray("grant_types").add("client_credentials");
        json.put("token_endpoint_auth_method", method);
        return json;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        # relaxation                        | secret issued | refused on /register for
        private-use redirect                | true          | /redirect_uris/0
        loopback redirect                   | true          | /redirect_uris/0
        IPv6 loopback redirect              | true          | /redirect_uris/0
        client_credentials with a secret    | true          | /grant_types/0
        client_credentials with jwks        | false         | /grant_types/0
        client_credentials with jwks_uri    | false         | /grant_types/0
        native public client                | false         | /redirect_uris/0
        """)
    @Order(1)
    void acceptsEachRelaxationForTheOperatorAndStillRefusesItOnOpenRegistration(String relaxation, boolean secret,
                                                                               String refusedField) throws Exception {
        ObjectNode metadata = relaxed(relaxation);

        Answer open = send("POST", "/register", metadata, null);
        assertThat(open.status()).as(open.json().toString()).isEqualTo(400);
        assertThat(open.json().path("errors")).extracting(e -> e.path("field").asText()).contains(refusedField);

        Answer created = operator("POST", "/operator/clients", metadata);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String id = created.json().path("client_id").asText();
        assertThat(created.json().has("client_secret")).isEqualTo(secret);
        assertThat(created.json().path("registration_access_token").asText()).isNotBlank();
        assertThat(service.records().clientRecord(id)).hasValueSatisfying(item -> {
            assertThat(item.get("status").s()).isEqualTo("active");
        });
        if (secret) {
            assertThat(service.records().secretValue(id)).isEqualTo(created.json().path("client_secret").asText());
        }
    }

    @Test
    @Order(2)
    void refusesEveryOperatorRouteWithoutTheTokenAndWritesNothing() throws Exception {
        int before = service.records().clientRecords().size();
        ObjectNode metadata = relaxed("native public client");

        assertThat(send("POST", "/operator/clients", metadata, null).status()).isEqualTo(401);
        assertThat(send("POST", "/operator/clients", metadata, "not-the-operator-token-000").status()).isEqualTo(401);
        assertThat(send("GET", "/operator/clients", null, null).status()).isEqualTo(401);
        assertThat(send("GET", "/operator/clients/kq3F8xUjT1aW0zR5bN7mLg", null, null).status()).isEqualTo(401);
        assertThat(service.records().clientRecords()).hasSize(before);
    }

    @Test
    @Order(3)
    void managesAClientFromRegistrationToDeletionWhileItsOwnTokenWorksAsOnTheOpenPath() throws Exception {
        Answer created = operator("POST", "/operator/clients", relaxed("client_credentials with a secret"));
        String id = created.json().path("client_id").asText();
        String item = "/operator/clients/" + id;
        URI rfc7592 = URI.create(created.json().path("registration_client_uri").asText());
        BearerAccessToken token = new BearerAccessToken(created.json().path("registration_access_token").asText());

        RegistrationClient.Exchange own = service.client().read(rfc7592, token);
        assertThat(own.status()).as(own.http().getBody()).isEqualTo(200);
        Answer read = operator("GET", item, null);
        assertThat(read.json().path("registration_path").asText()).isEqualTo("manual");
        assertThat(read.json().has("client_secret")).isFalse();
        // What the operator read, changed and sent back: the view's own members are ignored.
        ObjectNode renamed = (ObjectNode) read.json().deepCopy();
        renamed.put("client_name", "Renamed by the operator");
        Answer updated = operator("PUT", item, renamed);
        assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
        assertThat(updated.json().path("client_name").asText()).isEqualTo("Renamed by the operator");
        assertThat(service.records().clientRecord(id).orElseThrow().toString()).doesNotContain("status_history");

        assertThat(operator("POST", item + "/suspend", null).json().path("client_status").asText()).isEqualTo("suspended");
        Answer suspended = operator("GET", "/operator/clients?status=suspended&limit=100", null);
        assertThat(suspended.json().path("clients")).extracting(c -> c.path("client_id").asText()).contains(id);
        assertThat(operator("POST", item + "/reinstate", null).json().path("client_status").asText()).isEqualTo("active");

        assertThat(operator("DELETE", item, null).status()).isEqualTo(204);
        assertThat(operator("GET", item, null).status()).isEqualTo(404);
        assertThat(service.records().clientRecord(id)).isEmpty();
        assertThat(service.records().describeSecret(id).deletedDate()).as("the secret's deletion is scheduled").isNotNull();
    }

    @Test
    @Order(4)
    void listsActiveClientsPageByPage() throws Exception {
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Answer created = operator("POST", "/operator/clients", relaxed("client_credentials with a secret"));
            assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
            registered.add(created.json().path("client_id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            Answer answer = operator("GET", "/operator/clients?status=active&limit=2"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null);
            assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
            assertThat(answer.json().path("clients").size()).isLessThanOrEqualTo(2);
            answer.json().path("clients").forEach(c -> seen.add(c.path("client_id").asText()));
            cursor = answer.json().path("next_cursor").isNull() ? null : answer.json().path("next_cursor").asText();
            if (cursor == null) {
                break;
            }
        }
        assertThat(cursor).as("the listing ends").isNull();
        assertThat(seen).doesNotHaveDuplicates().containsAll(registered);
        assertThat(operator("GET", "/operator/clients?status=nonsense", null).status()).isEqualTo(400);
    }

    /** Last, as it stops the service; it makes the calls whose audit lines it looks for itself. */
    @Test
    @Order(Integer.MAX_VALUE)
    void logsEveryOperatorActionNamingTheCallerWithoutTheTokenOrAnyCredential() throws Exception {
        Answer created = operator("POST", "/operator/clients", relaxed("client_credentials with a secret"));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String item = "/operator/clients/" + created.json().path("client_id").asText();
        assertThat(operator("POST", item + "/suspend", null).status()).isEqualTo(200);

        String log = service.stopAndReadLog();

        assertThat(log).contains("\"audit\":\"OperatorAction\"").contains("\"caller\":\"" + OperatorGuard.LOCAL_CALLER + "\"")
                .contains("\"action\":\"client.register\"").contains("\"action\":\"client.suspend\"");
        assertThat(log).doesNotContain(OPERATOR.token());
        assertThat(CREDENTIALS).isNotEmpty().allSatisfy(credential -> assertThat(log).doesNotContain(credential));
    }
}
