package health.registration.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.issue.TestPepper;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.limit.SourceQuota;
import health.registration.core.port.InMemoryIdempotencyStore;
import health.registration.core.port.InMemoryRequestCounter;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.probe.ProbeOutcome;
import health.registration.edge.EmbeddedMetricFormat;
import health.registration.edge.OperationalMetrics;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterClientHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode SAMPLE = SampleEvents.read(SampleEvents.folder().resolve("register.json"));

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T21:00:00Z"));
    private final InMemoryClientStore clients = new InMemoryClientStore();
    private final InMemorySecretStore secretStore = new InMemorySecretStore();
    private final FailingSecretStore secrets = new FailingSecretStore(secretStore);
    private final InMemoryUrlProber prober = new InMemoryUrlProber();
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("register");
    private final RegisterClientHandler handler = new RegisterClientHandler(registration());

    private IdempotentRegistration registration() {
        IssuanceSettings settings = IssuanceSettings.of(URI.create("https://registration.example.com"), Duration.ZERO);
        RegistrationReview review = new RegistrationReview(Policies.openDynamicRegistration(),
                new PolicyContext(URI.create("https://manual.example.org/register")), prober);
        ClientRegistrar registrar = new ClientRegistrar(review, new ClientStores(clients, secrets), new SecureRandomIdSource(), clock, settings);
        return new IdempotentRegistration(registrar, TestPepper.ports(new InMemoryIdempotencyStore(clock)), clock, settings, clock::advance);
    }

    /** The proxy response: status, headers and parsed body. */
    private record Answer(int status, JsonNode headers, JsonNode body) {}

    private Answer invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        String body = response.path("body").asText();
        return new Answer(response.path("statusCode").asInt(), response.path("headers"), body.isEmpty() ? null : JSON.readTree(body));
    }

    private static ObjectNode withHeaders(ObjectNode event, String body, Map<String, String> headers) {
        return SampleEvents.withBody(event, body == null ? event.path("body").asText() : body, headers);
    }

    @Test
    void registersTheSampleEventWithEveryIssuedMemberAndNoCaching() throws IOException {
        Answer answer = invoke(SAMPLE);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers().path("Cache-Control").asText()).isEqualTo("no-store");
        assertThat(answer.headers().path("Pragma").asText()).isEqualTo("no-cache");
        assertThat(answer.body().path("client_id").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(answer.body().path("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(answer.body().path("registration_access_token").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(answer.body().path("client_secret_expires_at").asLong(-1)).isZero();
        assertThat(answer.body().path("client_id_issued_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(answer.body().path("registration_client_uri").asText())
                .isEqualTo("https://registration.example.com/register/" + answer.body().path("client_id").asText());
        assertThat(answer.body().path("client_name").asText()).isEqualTo("Example Health App");
        assertThat(clients.withStatus(ClientStatus.ACTIVE)).hasSize(1);
    }

    @Test
    void answersARepeatWithTheSameIdempotencyKeyWithTheFirstAnswerAndCreatesNothing() throws IOException {
        Answer first = invoke(SAMPLE);
        Answer second = invoke(SAMPLE);

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(clients.size()).isOne();
        assertThat(secretStore.size()).isOne();
    }

    @Test
    void refusesTheSameIdempotencyKeyWithAnotherBodyWith422() throws IOException {
        invoke(SAMPLE);
        ObjectNode other = (ObjectNode) JSON.readTree(SAMPLE.path("body").asText());
        other.put("client_name", "Another App");

        Answer answer = invoke(withHeaders(SAMPLE, other.toString(), Map.of()));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
        assertThat(clients.size()).isOne();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"short", "has a space in it!", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaa",
            "00000000-0000-0000-0000-000000000000", "123456789012345678901", "not/base64url+characters==",
            "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"})
    void refusesAnIdempotencyKeyOfFewerThan128Bits(String key) throws IOException {
        Answer answer = invoke(withHeaders(SAMPLE, null, Map.of("Idempotency-Key", key)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
        assertThat(answer.body().path("error_description").asText()).contains("Idempotency-Key").doesNotContain(key);
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEmpty();
        assertThat(clients.size()).isZero();
    }

    @Test
    void registersWithoutAnIdempotencyKeyEveryTime() throws IOException {
        Map<String, String> noKey = new HashMap<>();
        noKey.put("Idempotency-Key", null);
        ObjectNode event = withHeaders(SAMPLE, null, noKey);

        Answer first = invoke(event);
        Answer second = invoke(event);

        assertThat(first.body().path("client_id")).isNotEqualTo(second.body().path("client_id"));
        assertThat(clients.size()).isEqualTo(2);
    }

    @Test
    void refusesMetadataThatBreaksThePolicyWithTheRfc7591Error() throws IOException {
        prober.failing("https://app.example.com/logo.png", ProbeOutcome.NOT_AN_IMAGE);

        Answer answer = invoke(SAMPLE);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("/logo_uri");
        assertThat(clients.size()).isZero();
    }

    @Test
    void refusesABodyThatIsNotJsonWith415() throws IOException {
        assertThat(invoke(withHeaders(SAMPLE, null, Map.of("Content-Type", "text/plain"))).status()).isEqualTo(415);
    }

    @Test
    void answers503WithoutDetailWhenAStoreFailsAndLeavesNoUsableClient() throws IOException {
        secrets.failOn(FailingSecretStore.Operation.CREATE, 1);

        Answer answer = invoke(SAMPLE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().path("Retry-After").asText()).isNotBlank();
        assertThat(answer.body().path("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(answer.body().toString()).doesNotContain("Exception").doesNotContain("at health.");
        assertThat(clients.withStatus(ClientStatus.ACTIVE)).isEmpty();
        assertThat(invoke(SAMPLE).status()).as("the key was released, so a retry registers").isEqualTo(201);
    }

    @Test
    void neverLogsTheSecretOrTheToken() throws IOException {
        Answer answer = invoke(SAMPLE);
        invoke(SAMPLE);

        String logged = String.join("\n", lambda.loggedLines());
        assertThat(logged).contains("outcome=registered").contains("outcome=replayed")
                .contains(answer.body().path("client_id").asText());
        assertThat(logged).doesNotContain(answer.body().path("client_secret").asText())
                .doesNotContain(answer.body().path("registration_access_token").asText());
    }

    @Test
    void refusesTheSampleUdapRegistrationAsUnapprovedWhenUdapIsSwitchedOff() throws IOException {
        Answer answer = invoke(SampleEvents.read(SampleEvents.folder().resolve("register-udap.json")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("unapproved_software_statement");
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("/software_statement");
        assertThat(clients.size()).isZero();
    }

    /** RFC 7591 §2.3 and §3.1.1: a plain statement is judged first, alone, and never as invalid_client_metadata. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        "not-a-jwt"                                                                       | invalid_software_statement
        "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLm9yZyJ9.c2ln"       | unapproved_software_statement
        42                                                                                | invalid_software_statement
        """)
    void refusesAPlainSoftwareStatementByItsOwnCodeWithoutRegistering(String statement, String code) throws IOException {
        ObjectNode metadata = (ObjectNode) JSON.readTree(SAMPLE.path("body").asText());
        metadata.set("software_statement", JSON.readTree(statement));

        Answer answer = invoke(withHeaders(SAMPLE, metadata.toString(), Map.of()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo(code);
        assertThat(answer.body().path("errors")).singleElement()
                .satisfies(e -> assertThat(e.path("field").asText()).isEqualTo("/software_statement"));
        assertThat(clients.size()).isZero();
    }

    @Test
    void refusesASourcePastItsHourlyLimitWith429RetryAfterAndTheErrorJsonWithoutRegistering() throws IOException {
        InMemoryRequestCounter counter = new InMemoryRequestCounter();
        RegisterClientHandler limited = new RegisterClientHandler(registration(), java.util.Optional.empty(),
                java.util.Optional.of(new SourceQuota("register", counter, 2, clock)));
        ObjectNode malformed = withHeaders(SAMPLE, "{", Map.of());

        assertThat(invoke(limited, SAMPLE).status()).isEqualTo(201);
        assertThat(invoke(limited, malformed).status()).as("a refused request counts too").isEqualTo(400);
        Answer third = invoke(limited, SAMPLE);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers().path("Retry-After").asText()).isEqualTo("3600");
        assertThat(third.body().path("error").asText()).isEqualTo("rate_limited");
        assertThat(third.body().path("error_description").asText()).contains("2 register requests this hour");
        assertThat(third.body().path("errors").get(0).path("field").asText()).isEmpty();
        assertThat(clients.size()).isOne();
        assertThat(counter.counts()).containsOnlyKeys("register#203.0.113.10#" + clock.instant().getEpochSecond());

        ObjectNode elsewhere = SAMPLE.deepCopy();
        ((ObjectNode) elsewhere.path("requestContext").path("identity")).put("sourceIp", "198.51.100.9");
        assertThat(invoke(limited, elsewhere).status()).as("another source address").isEqualTo(201);
    }

    @Test
    void countsEachOutcomeOnTheOpenPathWithoutNamingTheClient() throws IOException {
        List<String> lines = new ArrayList<>();
        OperationalMetrics metrics = new OperationalMetrics(new EmbeddedMetricFormat("Test", clock), lines::add);
        RegisterClientHandler counted = new RegisterClientHandler(registration(),
                java.util.Optional.of(new SourceQuota("register", new InMemoryRequestCounter(), 4, clock)), metrics);
        ObjectNode plainHttp = (ObjectNode) JSON.readTree(SAMPLE.path("body").asText());
        plainHttp.putArray("redirect_uris").add("http://app.example.com/callback");

        String clientId = invoke(counted, SAMPLE).body().path("client_id").asText();
        invoke(counted, withHeaders(SAMPLE, plainHttp.toString(), Map.of("Idempotency-Key", "4f1c0a2e-8d7b-4b6e-9c3a-1e2d3c4b5a69")));
        invoke(counted, withHeaders(SAMPLE, "{", Map.of()));
        secrets.failOn(FailingSecretStore.Operation.CREATE, secrets.calls(FailingSecretStore.Operation.CREATE) + 1);
        invoke(counted, withHeaders(SAMPLE, null, Map.of("Idempotency-Key", "0b9e7d6c-5a4f-4e3d-8c2b-1a0f9e8d7c6b")));
        invoke(counted, SAMPLE);

        String all = String.join("\n", lines);
        assertThat(lines.stream().filter(l -> l.contains("\"Registrations\":1")).map(RegisterClientHandlerTest::json)
                .map(l -> l.path("Path").asText() + ":" + l.path("Outcome").asText()).toList())
                .containsExactly("open:registered", "open:refused", "open:refused", "open:failed");
        assertThat(all).contains("\"Rule\":\"RedirectUriUsesHttps\"", "\"Rule\":\"Request\"",
                "\"ErrorCode\":\"invalid_redirect_uri\"", "\"RateLimitRefusals\":1", "\"Limit\":\"registrations_per_source\"");
        assertThat(all).doesNotContain(clientId, "app.example.com");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            throw new java.io.UncheckedIOException(notJson);
        }
    }

    private Answer invoke(RegisterClientHandler target, ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        target.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        String body = response.path("body").asText();
        return new Answer(response.path("statusCode").asInt(), response.path("headers"), body.isEmpty() ? null : JSON.readTree(body));
    }
}
