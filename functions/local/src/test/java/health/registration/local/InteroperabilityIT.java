package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.local.LocalApiCalls.Answer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end, what the clients that will really call us meet on the open and manual paths, through
 * {@code scripts/local-api} with {@code SCOPES_SUPPORTED} set (the real register, manage, validate and operator
 * handlers, the real prober against HTTPS fixtures on 127.0.0.121, DynamoDB and Secrets Manager in moto): scopes are
 * granted as UDAP IG STU2 general §7.3 says, and the granted scope is what is stored and answered; a plain RFC 7591
 * software statement is refused by its own code; client_secret_expires_at comes only with a secret (RFC 7591
 * §3.2.1). Nothing but 127.0.0.x is contacted.
 */
class InteroperabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "interoperability-it-" + Long.toHexString(System.nanoTime()) + "-local-token";
    private static final String SUPPORTED = "openid fhirUser launch/patient patient/*.rs user/Patient.read";
    /** {"alg":"HS256"} . {"iss":"https://issuer.example.org","software_id":"app"} . a signature: another issuer's. */
    private static final String MACED_STATEMENT = "eyJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLm9yZyIsInNvZnR3YXJlX2lkIjoiYXBwIn0.c2lnbmF0dXJl";

    private static LocalRegistrationService service;

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("interoperability-it", "127.0.0.121", "interop", 20,
                Map.of("SCOPES_SUPPORTED", SUPPORTED, OperatorGuard.TOKEN_VARIABLE, TOKEN));
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

    /** A registration whose every URL is hosted on a fresh fixture host, asking for {@code scope}. */
    private static ObjectNode hosted(String scope) throws Exception {
        ObjectNode body = RegistrationMetadata.jsonHostedOn(service.sites().nextHost());
        return scope == null ? body : body.put("scope", scope);
    }

    private static String storedScope(String clientId) throws Exception {
        return JSON.readTree(service.records().clientRecord(clientId).orElseThrow().get("metadata").s()).path("scope").asText(null);
    }

    private static List<String> fields(Answer answer) {
        return answer.json().path("errors").findValuesAsText("field");
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # requested                                                | granted                                      | reason
        openid fhirUser patient/Observation.rs                     | openid fhirUser patient/Observation.rs       | every scope supported, one through patient/*.rs
        patient/Condition.rs offline_access user/Patient.rs openid | patient/Condition.rs user/Patient.rs openid  | a subset, in the requested order
        """)
    void registersTheGrantedScopeAndAnswersIt(String requested, String granted, String reason) throws Exception {
        Answer created = send("POST", "/register", hosted(requested), null);

        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.json().path("scope").asText()).as("the answered scope").isEqualTo(granted);
        String id = created.json().path("client_id").asText();
        assertThat(storedScope(id)).as("the stored scope").isEqualTo(granted);
        Answer read = send("GET", "/register/" + id, null, created.json().path("registration_access_token").asText());
        assertThat(read.json().path("scope").asText()).as("the scope read back (RFC 7592)").isEqualTo(granted);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # requested                          | phrase                                     | reason
        offline_access profile               | asks for no scope this server supports     | none supported
        openid user/*.rs                     | (user/*.rs) is a wildcard scope            | an unsupported wildcard
        """)
    void refusesWhatTheIgSaysToRefuseAndStoresNothing(String requested, String phrase, String reason) throws Exception {
        int before = service.records().clientRecords().size();

        Answer refused = send("POST", "/register", hosted(requested), null);

        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(fields(refused)).containsExactly("/scope");
        assertThat(refused.json().path("error_description").asText()).contains(phrase);
        assertThat(service.records().clientRecords()).as("nothing stored").hasSize(before);
    }

    @Test
    void validateWarnsOfEachScopeThatWouldNotBeGranted() throws Exception {
        Answer report = send("POST", "/validate", hosted("openid offline_access patient/Observation.rs"), null);

        assertThat(report.status()).as(report.json().toString()).isEqualTo(200);
        assertThat(report.json().path("valid").asBoolean()).isTrue();
        assertThat(report.json().path("warnings")).singleElement().satisfies(w -> {
            assertThat(w.path("field").asText()).isEqualTo("/scope");
            assertThat(w.path("description").asText()).contains("scope token 2 is not supported");
        });
    }

    @Test
    void grantsTheSupportedScopeOnAnRfc7592UpdateToo() throws Exception {
        Answer created = send("POST", "/register", hosted("openid"), null);
        ObjectNode update = hosted(null);
        update.put("client_id", created.json().path("client_id").asText()).put("scope", "openid offline_access");

        Answer updated = send("PUT", "/register/" + created.json().path("client_id").asText(), update,
                created.json().path("registration_access_token").asText());

        assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
        assertThat(updated.json().path("scope").asText()).isEqualTo("openid");
        assertThat(storedScope(created.json().path("client_id").asText())).isEqualTo("openid");
    }

    @Test
    void grantsTheSupportedScopeOnManualRegistrationAndAnswersNoExpiryWithoutASecret() throws Exception {
        ObjectNode metadata = hosted("launch/patient patient/Patient.rs system/Patient.rs");
        metadata.putArray("redirect_uris").add("com.example.app:/callback");
        metadata.put("token_endpoint_auth_method", "none");

        Answer created = send("POST", "/operator/clients", metadata, TOKEN);

        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.json().path("scope").asText()).isEqualTo("launch/patient patient/Patient.rs");
        // RFC 7591 §3.2.1: client_secret_expires_at is REQUIRED only if a client_secret is issued.
        assertThat(created.json().has("client_secret")).isFalse();
        assertThat(created.json().has("client_secret_expires_at")).isFalse();
        Answer viewed = send("GET", "/operator/clients/" + created.json().path("client_id").asText(), null, TOKEN);
        assertThat(viewed.json().has("client_secret_expires_at")).as(viewed.json().toString()).isFalse();
    }

    @Test
    void answersTheSecretsExpiryWithTheSecretOnRegisterAndRead() throws Exception {
        Answer created = send("POST", "/register", hosted(null), null);
        Answer read = send("GET", "/register/" + created.json().path("client_id").asText(), null,
                created.json().path("registration_access_token").asText());

        assertThat(created.json().has("client_secret")).isTrue();
        assertThat(created.json().path("client_secret_expires_at").isIntegralNumber()).as(created.json().toString()).isTrue();
        assertThat(read.json().path("client_secret_expires_at").isIntegralNumber()).as(read.json().toString()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # statement (JSON)        | error                         | reason
        "MACED"                   | unapproved_software_statement | RFC 7591 §2.3: a statement of another issuer
        "not-a-jwt"               | invalid_software_statement    | no signed JWT
        {"iss": "x"}              | invalid_software_statement    | no string
        """)
    void refusesAPlainSoftwareStatementByItsOwnCodeOnRegisterAndValidate(String statement, String error, String reason)
            throws Exception {
        ObjectNode body = hosted("openid");
        body.set("software_statement", JSON.readTree(statement.replace("MACED", MACED_STATEMENT)));
        int before = service.records().clientRecords().size();

        Answer refused = send("POST", "/register", body, null);
        Answer validated = send("POST", "/validate", body, null);

        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo(error);
        assertThat(fields(refused)).containsExactly("/software_statement");
        assertThat(service.records().clientRecords()).as("nothing stored").hasSize(before);
        JsonNode problems = validated.json().path("errors");
        assertThat(problems.findValuesAsText("field")).as(validated.json().toString()).containsExactly("/software_statement");
        assertThat(problems.findValuesAsText("code")).containsExactly(error);
    }

    @Test
    void nothingTheServiceAnsweredEchoesAnUngrantedScope() throws Exception {
        Answer created = send("POST", "/register", hosted("openid x-ungranted-scope"), null);

        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.json().toString()).doesNotContain("x-ungranted-scope");
        assertThat(service.records().clientIdsMentioning("x-ungranted-scope")).isEmpty();
        assertThat(URI.create(created.json().path("registration_client_uri").asText()).getPath())
                .endsWith(created.json().path("client_id").asText());
    }
}
