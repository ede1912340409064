package health.registration.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.operator.ClientListing;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorClients;
import health.registration.core.operator.OperatorPorts;
import health.registration.core.operator.OperatorServices;
import health.registration.core.operator.OperatorSuspensions;
import health.registration.core.policy.Policies;
import health.registration.core.policy.rules.ValidManualMetadata;
import health.registration.core.policy.rules.ValidManualMetadata.Relaxation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemoryOperatorAudit;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.probe.PlannedUrlProber;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeSettings;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.RequestLog;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator function over API Gateway proxy events (the samples in events/operator-*.json), on in-memory ports. */
class OperateClientsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "arn:aws:iam::123456789012:user/registration-operator";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T21:00:00Z"));
    private final InMemoryClientStore store = new InMemoryClientStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final InMemoryUrlProber prober = new InMemoryUrlProber();
    private final InMemoryOperatorAudit bus = new InMemoryOperatorAudit();
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("operator");
    private final OperateClientsHandler handler = new OperateClientsHandler(services());

    private record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private OperatorServices services() {
        IssuanceSettings settings = IssuanceSettings.of(URI.create("https://registration.example.com"), Duration.ZERO);
        ProbeSettings planning = new ProbeSettings(ProbeLimits.defaults(), false, ValidMetadata.CONTEXT)
                .withUrlRules(Policies.manualUrlRules());
        RegistrationReview review = new RegistrationReview(Policies.manualRegistration(), ValidMetadata.CONTEXT,
                new PlannedUrlProber(prober, planning));
        ClientStores stores = new ClientStores(store, secrets, new InMemoryClientEvents());
        OperatorPorts ports = new OperatorPorts(stores, new OperatorAuditLog(bus, RequestLog::current));
        OperatorClients clients = new OperatorClients(new ClientRegistrar(review, stores, new SecureRandomIdSource(), clock, settings),
                review, ports, settings, clock);
        return new OperatorServices(clients, new OperatorSuspensions(clients, ports, settings, clock),
                new ClientListing(store, settings));
    }

    private static ObjectNode sample(String name) {
        return SampleEvents.read(SampleEvents.folder().resolve("operator-" + name + ".json"));
    }

    private Answer invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        return new Answer(response.path("statusCode").asInt(), response.path("body").asText());
    }

    private Answer invoke(String name, String clientId) throws IOException {
        return invoke(SampleEvents.forClient(sample(name), clientId, "unused"));
    }

    private JsonNode register(Relaxation relaxation) throws IOException {
        Answer answer = invoke(SampleEvents.withBody(sample("register"), ValidManualMetadata.json(relaxation).toString(), Map.of()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private static ObjectNode withQuery(ObjectNode event, Map<String, String> query) {
        ObjectNode copy = event.deepCopy();
        ObjectNode single = copy.putObject("queryStringParameters");
        ObjectNode multi = copy.putObject("multiValueQueryStringParameters");
        query.forEach((name, value) -> {
            single.put(name, value);
            multi.putArray(name).add(value);
        });
        return copy;
    }

    @Test
    void registersTheSampleNativeAppWithoutProbingItsRedirectUrisAndAuditsTheCaller() throws IOException {
        Answer answer = invoke(sample("register"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode json = answer.json();
        String clientId = json.path("client_id").asText();
        assertThat(json.path("registration_access_token").asText()).isNotBlank();
        assertThat(json.has("client_secret")).as("a public client gets no secret").isFalse();
        assertThat(store.find(new ClientId(clientId)).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(prober.probedTargets()).extracting(t -> t.url())
                .doesNotContain("com.example.health:/oauth/callback", "http://127.0.0.1/oauth/callback")
                .contains("https://app.example.com/logo.png");
        assertThat(bus.actions()).extracting(OperatorAction::action, OperatorAction::caller, OperatorAction::subject, OperatorAction::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client.register", CALLER, clientId, "done"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Relaxation.class)
    void acceptsEveryRelaxationOfTheManualPath(Relaxation relaxation) throws IOException {
        JsonNode answer = register(relaxation);

        assertThat(answer.has("client_secret")).isEqualTo(relaxation.secretIssued());
    }

    @Test
    void logsEachActionAsAStructuredLineNamingTheCallerWithoutSecretOrToken() throws IOException {
        JsonNode answer = register(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET);
        String secret = answer.path("client_secret").asText();
        String token = answer.path("registration_access_token").asText();

        invoke("read", answer.path("client_id").asText());

        assertThat(lambda.loggedLines()).filteredOn(line -> line.contains("\"audit\"")).hasSize(2).allSatisfy(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("audit").asText()).isEqualTo(OperatorAction.DETAIL_TYPE);
            assertThat(json.path("caller").asText()).isEqualTo(CALLER);
            assertThat(json.path("subject").asText()).isEqualTo(answer.path("client_id").asText());
        });
        assertThat(String.join("", lambda.loggedLines())).doesNotContain(secret).doesNotContain(token)
                .doesNotContain("AWS4-HMAC-SHA256");
        assertThat(bus.actions().toString()).doesNotContain(secret).doesNotContain(token);
    }

    @Test
    void refusesARequestWithoutAnAuthenticatedCallerAndChangesNothing() throws IOException {
        ObjectNode event = sample("register");
        ((ObjectNode) event.path("requestContext").path("identity")).remove("userArn");

        Answer answer = invoke(event);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).isEqualTo("access_denied");
        assertThat(store.size()).isZero();
        assertThat(bus.actions()).isEmpty();
    }

    @Test
    void readsUpdatesSuspendsReinstatesAndDeletesAClient() throws IOException {
        String id = invoke(sample("register")).json().path("client_id").asText();

        assertThat(invoke("read", id).json().path("registration_path").asText()).isEqualTo("manual");
        Answer updated = invoke("update", id);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("client_name").asText()).isEqualTo("Example Health Mobile 2");
        assertThat(invoke("suspend", id).json().path("client_status").asText()).isEqualTo("suspended");
        assertThat(invoke("reinstate", id).json().path("client_status").asText()).isEqualTo("active");
        assertThat(invoke("delete", id).status()).isEqualTo(204);
        assertThat(invoke("read", id).status()).isEqualTo(404);
        assertThat(bus.actions()).extracting(OperatorAction::action).containsExactly("client.register", "client.read",
                "client.update", "client.suspend", "client.reinstate", "client.delete", "client.read");
    }

    @Test
    void refusesAnUpdateTheManualPolicyRefusesWithEveryProblem() throws IOException {
        String id = invoke(sample("register")).json().path("client_id").asText();
        ObjectNode body = ValidManualMetadata.json(Relaxation.NATIVE_APP);
        body.putArray("redirect_uris").add("http://app.example.com/cb");
        body.remove("contacts");

        Answer answer = invoke(SampleEvents.withBody(SampleEvents.forClient(sample("update"), id, "unused"), body.toString(), Map.of()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(answer.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("/redirect_uris/0", "/contacts");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        not json                          | {"client_name":
        an array                          | []
        """)
    void answersMalformedBodiesWith400(String what, String body) throws IOException {
        Answer answer = invoke(SampleEvents.withBody(sample("register"), body, Map.of()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isNotBlank();
        assertThat(store.size()).isZero();
    }

    @Test
    void listsClientsByStatusAndFailingUrl() throws IOException {
        register(Relaxation.PUBLIC_CLIENT);
        register(Relaxation.NATIVE_APP);

        Answer all = invoke(withQuery(sample("list"), Map.of("status", "active", "limit", "1")));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("clients")).hasSize(1);
        String cursor = all.json().path("next_cursor").asText();
        Answer next = invoke(withQuery(sample("list"), Map.of("status", "active", "limit", "1", "cursor", cursor)));
        assertThat(next.json().path("clients")).hasSize(1);
        assertThat(next.json().path("clients").get(0).path("client_id"))
                .isNotEqualTo(all.json().path("clients").get(0).path("client_id"));
        Answer failing = invoke(sample("list"));
        assertThat(failing.status()).isEqualTo(200);
        assertThat(failing.json().path("clients")).as("no warning client fails on the logo").isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        status | deleting
        status | nonsense
        limit  | 0
        limit  | 101
        limit  | ten
        cursor | nonsense
        cursor | suspended:
        """)
    void refusesABadListingQueryWith400(String name, String value) throws IOException {
        Map<String, String> query = new HashMap<>(Map.of("status", "active"));
        query.put(name, value);

        Answer answer = invoke(withQuery(sample("list"), query));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void answersNotFoundForNoSuchClient() throws IOException {
        for (String name : new String[] {"read", "update", "delete", "suspend", "reinstate"}) {
            Answer answer = invoke(name, "kq3F8xUjT1aW0zR5bN7mLx");
            assertThat(answer.status()).as(name).isEqualTo(404);
            assertThat(answer.json().path("error").asText()).as(name).isEqualTo("not_found");
        }
    }

    @Test
    void answersAWrongMethodWith405() throws IOException {
        ObjectNode event = sample("register");
        event.put("httpMethod", "PATCH");

        assertThat(invoke(event).status()).isEqualTo(405);
    }
}
