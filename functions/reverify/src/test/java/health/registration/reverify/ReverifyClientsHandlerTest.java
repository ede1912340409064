package health.registration.reverify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.ReverificationPolicy;
import health.registration.core.reverify.ReverificationPorts;
import health.registration.core.reverify.ReverificationSegment;
import health.registration.core.reverify.ReverificationSettings;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The function's three events, from the samples in events/, against in-memory ports. */
class ReverifyClientsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode SCHEDULED = SampleEvents.read(SampleEvents.folder().resolve("reverify-scheduled.json"));
    private static final ObjectNode ONE_CLIENT = SampleEvents.read(SampleEvents.folder().resolve("reverify-client.json"));
    private static final ObjectNode SEGMENT = SampleEvents.read(SampleEvents.folder().resolve("reverify-segment.json"));
    private static final PolicyContext CONTEXT = new PolicyContext(URI.create("https://manual.example.org/register"));
    private static final String LOGO = "https://app.example.com/logo.png";

    /** A day before the sample schedule's time, so the client is due by the sample run. */
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T03:00:00Z"));
    private final InMemoryClientStore clients = new InMemoryClientStore();
    private final InMemoryUrlProber prober = new InMemoryUrlProber();
    private final List<LifecycleEvent> published = new CopyOnWriteArrayList<>();
    private final List<ReverificationSegment> queued = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("reverify");
    private ReverifyClientsHandler handler;
    private String clientId;

    @BeforeEach
    void registerAClient() throws IOException {
        IssuanceSettings issuance = IssuanceSettings.of(URI.create("https://registration.example.com"), Duration.ZERO);
        RegistrationReview review = new RegistrationReview(Policies.openDynamicRegistration(), CONTEXT, prober);
        ClientRegistrar registrar = new ClientRegistrar(review, new ClientStores(clients, new InMemorySecretStore()),
                new SecureRandomIdSource(), clock, issuance);
        ObjectNode metadata = (ObjectNode) JSON.readTree(SampleEvents.read(SampleEvents.folder().resolve("register.json")).path("body").asText());
        metadata.put("logo_uri", LOGO);
        clientId = JSON.readTree(((RegistrationOutcome.Registered) registrar.register(ClientMetadata.of(metadata))).answer())
                .path("client_id").asText();
        Reverification reverification = new Reverification(
                new ReverificationPorts(clients, prober, published::addAll, queued::add, url -> java.util.Optional.empty()),
                new ReverificationPolicy(CONTEXT, new ProbeSettings(ProbeLimits.defaults(), false, CONTEXT),
                        ReverificationSettings.defaults()),
                executor, clock);
        handler = new ReverifyClientsHandler(new ReverificationRequests(reverification, clock), clock);
        clock.advance(Duration.ofDays(1));
    }

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    private JsonNode invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return JSON.readTree(out.toByteArray());
    }

    private ClientStatus status() {
        return clients.find(new ClientId(clientId)).orElseThrow().status();
    }

    @Test
    void aScheduledRunIsNamedAfterItsScheduledTimeAndChecksEachDueClientOnce() throws IOException {
        JsonNode first = invoke(SCHEDULED);
        JsonNode retried = invoke(SCHEDULED);

        assertThat(first.path("run_id").asText()).isEqualTo("scheduled:2026-11-28T03:00:00Z");
        assertThat(first.path("checked").asLong()).isEqualTo(1);
        assertThat(first.path("passed").asLong()).isEqualTo(1);
        assertThat(retried.path("checked").asLong()).isZero();
        assertThat(status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(lambda.loggedMessages()).anyMatch(line -> line.startsWith("INFO reverify run_id=scheduled:2026-11-28T03:00:00Z"));
    }

    @Test
    void aFailingLogoTurnsTheClientWarningAndPublishesTheFailure() throws IOException {
        prober.failing(LOGO, ProbeOutcome.NOT_FOUND);

        JsonNode summary = invoke(SCHEDULED);

        assertThat(summary.path("failed").asLong()).isEqualTo(1);
        assertThat(summary.path("warned").asLong()).isEqualTo(1);
        assertThat(status()).isEqualTo(ClientStatus.WARNING);
        // The registration's own ClientRegistered was left on the record (its registrar published nothing); the run
        // publishes it with the failure.
        assertThat(published).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.REGISTERED, LifecycleEvent.Type.URL_CHECK_FAILED);
        assertThat(published.get(1)).satisfies(event -> {
            assertThat(event.type()).isEqualTo(LifecycleEvent.Type.URL_CHECK_FAILED);
            assertThat(event.problems()).singleElement().satisfies(p -> assertThat(p.url()).isEqualTo(LOGO));
        });
        assertThat(clients.find(new ClientId(clientId)).orElseThrow().checks().pendingEvents()).isEmpty();
    }

    @Test
    void anOperatorEventChecksThatClientNowAndAnswersItsStatusAndProblems() throws IOException {
        prober.failing(LOGO, ProbeOutcome.REDIRECT);

        JsonNode answer = invoke(SampleEvents.forClient(ONE_CLIENT, clientId, "unused"));

        assertThat(answer.path("client_id").asText()).isEqualTo(clientId);
        assertThat(answer.path("client_status").asText()).isEqualTo("warning");
        JsonNode problem = answer.path("url_checks").path("problems").get(0);
        assertThat(problem.path("url").asText()).isEqualTo(LOGO);
        assertThat(problem.path("code").asText()).isEqualTo("redirect");
        assertThat(problem.path("kind").asText()).isEqualTo("hard");
    }

    @Test
    void anOperatorEventForAnUnknownClientIsAnsweredNotFound() throws IOException {
        JsonNode answer = invoke(ONE_CLIENT);

        assertThat(answer.path("error").asText()).isEqualTo("not_found");
        assertThat(prober.probedTargets()).isEmpty();
    }

    @Test
    void aSegmentFromTheQueueIsCheckedAndReportsNoFailure() throws IOException {
        JsonNode answer = invoke(SampleEvents.forClient(SEGMENT, clientId, "unused"));

        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(clients.find(new ClientId(clientId)).orElseThrow().checks().lastRunId())
                .isEqualTo("scheduled:2026-11-28T03:00:00Z");
    }

    @Test
    void aMessageThatIsNoSegmentIsReportedAsFailedForTheDeadLetterQueue() throws IOException {
        ObjectNode broken = SEGMENT.deepCopy();
        ((ObjectNode) broken.path("Records").get(0)).put("body", "{\"run_id\": 7}");

        JsonNode answer = invoke(broken);

        assertThat(answer.path("batchItemFailures").get(0).path("itemIdentifier").asText())
                .isEqualTo(SEGMENT.path("Records").get(0).path("messageId").asText());
    }

    @Test
    void anEventThatIsNotJsonStartsARunNamedAfterItsArrival() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), out, lambda);

        JsonNode summary = JSON.readTree(out.toByteArray());
        assertThat(summary.path("run_id").asText()).isEqualTo("manual:" + clock.instant());
        assertThat(summary.path("checked").asLong()).isEqualTo(1);
    }
}
