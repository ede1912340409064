package health.registration.reverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.ManagementOutcome;
import health.registration.core.model.ClientMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.reverify.RunSummary;
import health.registration.edge.ReverificationConfiguration;
import health.registration.reverify.ReverifySites.Answer;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * docs/operations/reverification.md, how a run divides and protects its work, against moto and {@link ReverifySites} on
 * 127.0.0.82:443: each distinct URL probed once per run, a host's per-minute budget never exceeded (the excess
 * deferred, not failed), a run stopped midway and restarted with the same id checking every client exactly once, an RFC
 * 7592 update made while a run checks the client surviving it, and a run too large for one invocation fanned out
 * through a real SQS queue to the function's segment handler. Where a setting has no environment variable (page size,
 * per-host budget) or a fault is injected, {@link RunWiring} builds the service from the same adapters as the function.
 */
class ReverificationRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReverifySites sites;

    private EmulatedDeployment deployment;
    private IdempotentRegistration registration;
    private DynamoClientStore store;
    private Instant runAt;

    @BeforeAll
    static void serveSites() throws IOException {
        sites = ReverifySites.start(Path.of("target", "reverification-run-it"), "127.0.0.82", "run", 40);
    }

    @AfterAll
    static void stopSites() {
        if (sites != null) {
            sites.close();
        }
    }

    @BeforeEach
    void deploy() {
        deployment = new EmulatedDeployment(sites);
        registration = InProcessWiring.of(deployment.settings()).registration();
        store = new DynamoClientStore(AwsClients.dynamoDb(), deployment.tableName());
        // Every client registered by a test is due by then: a day after registration.
        runAt = Instant.now().plus(Duration.ofDays(2));
    }

    @AfterEach
    void removeDeployment() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void aLogoTermsAndPolicySharedBySixAppsAreEachFetchedOncePerRun() {
        String vendor = "https://" + sites.newHost();
        List<RegisteredApp> apps = IntStream.range(0, 6).mapToObj(i -> RegisteredApp.at(registration,
                "https://" + sites.newHost(), vendor + "/logo.png", vendor + "/terms", vendor + "/privacy")).toList();
        sites.resetCounts();

        RunSummary summary = InProcessWiring.of(deployment.settings()).reverification()
                .run("it:shared", runAt, Instant.now().plus(Duration.ofSeconds(30)));

        assertThat(summary.checked()).isEqualTo(6);
        assertThat(summary.passed()).isEqualTo(6);
        assertThat(summary.urlReferences()).isEqualTo(30);
        assertThat(summary.probesMade()).as("three shared URLs once, and each app's own two").isEqualTo(3 + 6 * 2);
        for (String shared : List.of(vendor + "/logo.png", vendor + "/terms", vendor + "/privacy")) {
            assertThat(sites.requests(shared)).as(shared).isEqualTo(1);
        }
        for (RegisteredApp app : apps) {
            assertThat(sites.requests(app.home())).isEqualTo(1);
            assertThat(sites.requests(app.callback())).isEqualTo(1);
        }
    }

    @Test
    void aHostOverItsPerMinuteBudgetIsNeverSentMoreAndTheClientsLeftOverAreDeferredNotFailed() {
        String crowded = sites.newHost();
        List<RegisteredApp> sharingAHost = IntStream.range(0, 4)
                .mapToObj(i -> RegisteredApp.at(registration, "https://" + crowded + "/app-" + i)).toList();
        RegisteredApp alone = RegisteredApp.register(registration, sites.newHost());
        sites.resetCounts();
        // Five probes a minute per host: one app's five URLs.
        RunWiring wiring = new RunWiring(deployment.settings(), 500, 5);

        // The run's clock stands still: the crowded host's budget never reopens, so the run defers what it could not
        // probe however slowly the machine runs, with no real deadline to race (RunProbes ends a wait on a stopped
        // clock).
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        RunSummary summary = wiring.run(store, "it:budget", runAt, now.plus(Duration.ofHours(1)),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));

        assertThat(sites.requestsToHost(crowded)).isEqualTo(5);
        assertThat(summary.checked()).isEqualTo(2);
        assertThat(summary.passed()).isEqualTo(2);
        assertThat(summary.deferred()).isEqualTo(3);
        assertThat(summary.failed()).isZero();
        assertThat(store.find(alone.id()).orElseThrow().checks().lastRunId()).isEqualTo("it:budget");
        List<ClientRecord> deferred = sharingAHost.stream().map(app -> store.find(app.id()).orElseThrow())
                .filter(record -> !"it:budget".equals(record.checks().lastRunId())).toList();
        assertThat(deferred).hasSize(3).allSatisfy(record -> {
            assertThat(record.status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(record.checks().consecutiveFailures()).isZero();
            assertThat(record.checks().problems()).isEmpty();
            assertThat(record.checks().nextCheckAt()).as("tried again in an hour").isEqualTo(now.plus(Duration.ofHours(1)));
        });
        assertThat(deployment.takeEvents()).isEmpty();
    }

    @Test
    void aRunStoppedTwiceMidwayAndRestartedWithTheSameIdChecksEveryClientExactlyOnce() {
        List<RegisteredApp> apps = IntStream.range(0, 6).mapToObj(i -> RegisteredApp.register(registration, sites.newHost())).toList();
        apps.subList(0, 5).forEach(app -> sites.answer(app.logo(), Answer.NOT_FOUND));
        // Transient: due again in six hours, before the run's time, so every later pass of the run selects it again.
        sites.answer(apps.get(5).home(), Answer.UNAVAILABLE);
        RunWiring wiring = new RunWiring(deployment.settings(), 2, 120);
        String runId = "it:restarted";

        FailingClientStore stopsAtThirdPage = new FailingClientStore(store).failOn(FailingClientStore.Operation.DUE, 3);
        assertThatThrownBy(() -> wiring.run(stopsAtThirdPage, runId, runAt, Instant.now().plus(Duration.ofSeconds(30))))
                .isInstanceOf(StoreUnavailable.class);
        assertThat(apps.stream().filter(app -> runId.equals(lastRunId(app)))).as("two pages checked").hasSize(4);

        // A write that reached the table but whose answer was lost: its event stays on the record (the outbox).
        FailingClientStore losesAWrite = new FailingClientStore(store).failAfterApplying(FailingClientStore.Operation.REPLACE, 1);
        assertThatThrownBy(() -> wiring.run(losesAWrite, runId, runAt, Instant.now().plus(Duration.ofSeconds(30))))
                .isInstanceOf(StoreUnavailable.class);

        RunSummary finished = wiring.run(store, runId, runAt, Instant.now().plus(Duration.ofSeconds(30)));

        assertThat(finished.skipped()).as("the transient client, selected again and skipped").isGreaterThanOrEqualTo(1);
        List<String> announced = new ArrayList<>();
        deployment.takeEvents().forEach(e -> announced.add(e.path("detail").path("client_id").asText()));
        for (RegisteredApp app : apps) {
            ClientRecord record = store.find(app.id()).orElseThrow();
            assertThat(record.checks().lastRunId()).isEqualTo(runId);
            assertThat(record.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(record.checks().consecutiveFailures()).as("checked once").isEqualTo(1);
            assertThat(record.checks().history()).hasSize(1);
            List<LifecycleEvent> pending = record.checks().pendingEvents();
            long published = announced.stream().filter(app.clientId()::equals).count();
            assertThat(published + pending.size()).as("one event, published or kept for the next check").isEqualTo(1);
        }
        assertThat(announced).hasSize(5);
    }

    @Test
    void anUpdateMadeWhileTheRunProbesTheClientIsNotOverwrittenByTheRunsCheck() throws IOException {
        RegisteredApp app = RegisteredApp.register(registration, sites.newHost());
        sites.answer(app.logo(), Answer.NOT_FOUND);
        ObjectNode update = app.updateRequest().put("client_name", "Renamed while checked")
                .put("logo_uri", app.site() + "/new-logo.png");
        AtomicReference<ManagementOutcome> updated = new AtomicReference<>();
        // The developer fixes the logo through RFC 7592 just as the run fetches the app's home page.
        sites.onFirstRequest(app.home(), () -> updated.set(InProcessWiring.of(deployment.settings()).registeredClients()
                .update(app.clientId(), app.token(), ClientMetadata.of(update))));
        long versionBefore = store.find(app.id()).orElseThrow().version();

        RunSummary summary = InProcessWiring.of(deployment.settings()).reverification()
                .run("it:locking", runAt, Instant.now().plus(Duration.ofSeconds(30)));

        assertThat(updated.get()).isInstanceOf(ManagementOutcome.Shown.class);
        assertThat(summary.conflicts()).isEqualTo(1);
        assertThat(summary.checked()).isZero();
        ClientRecord stored = store.find(app.id()).orElseThrow();
        assertThat(stored.version()).as("the update's write, then the clearing of its published ClientUpdated")
                .isEqualTo(versionBefore + 2);
        assertThat(stored.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(stored.metadata().toJson().path("client_name").asText()).isEqualTo("Renamed while checked");
        assertThat(stored.metadata().toJson().path("logo_uri").asText()).isEqualTo(app.site() + "/new-logo.png");
        assertThat(stored.checks().consecutiveFailures()).isZero();
        assertThat(stored.checks().lastRunId()).isNotEqualTo("it:locking");
        assertThat(deployment.takeEvents()).isEmpty();
    }

    @Test
    void aRunOverTheInlineLimitQueuesItsClientsAndASegmentDeliveredTwiceChecksNobodyTwice() throws IOException {
        List<RegisteredApp> apps = IntStream.range(0, 4).mapToObj(i -> RegisteredApp.register(registration, sites.newHost())).toList();
        sites.answer(apps.get(0).logo(), Answer.NOT_FOUND);
        sites.answer(apps.get(1).callback(), Answer.REDIRECT);
        RecordingLambdaContext lambda = new RecordingLambdaContext("reverify");
        ReverifyClientsHandler handler = new ReverifyClientsHandler(new ReverificationRequests(InProcessWiring.of(
                deployment.settings(Map.of(ReverificationConfiguration.REVERIFY_QUEUE_URL, deployment.segmentsQueueUrl(),
                        ReverificationConfiguration.REVERIFY_INLINE_LIMIT, "1"))).reverification(), Clock.systemUTC()),
                Clock.systemUTC());

        JsonNode scheduled = invoke(handler, JSON.createObjectNode().put("scheduled_at", runAt.toString()), lambda);

        String runId = "scheduled:" + runAt;
        assertThat(scheduled.path("run_id").asText()).isEqualTo(runId);
        assertThat(scheduled.path("checked").asLong()).isZero();
        assertThat(scheduled.path("queued_segments").asLong()).isEqualTo(1);
        assertThat(scheduled.path("queued_clients").asLong()).isEqualTo(4);
        List<Message> segments = deployment.takeMessages(deployment.segmentsQueueUrl());
        assertThat(segments).singleElement().satisfies(m -> assertThat(JSON.readTree(m.body()).path("client_ids"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(apps.stream().map(RegisteredApp::clientId).toList()));
        ObjectNode delivery = sqsEvent(segments.get(0));

        JsonNode first = invoke(handler, delivery, lambda);
        JsonNode redelivered = invoke(handler, delivery, lambda);

        assertThat(first.path("batchItemFailures")).isEmpty();
        assertThat(redelivered.path("batchItemFailures")).isEmpty();
        assertThat(lambda.loggedMessages().stream().filter(line -> line.startsWith("INFO reverify segment")))
                .containsExactly(
                "INFO reverify segment " + summaryLine(runId, 4, 4, 2, 2, 0),
                "INFO reverify segment " + summaryLine(runId, 4, 0, 0, 0, 4));
        for (RegisteredApp app : apps) {
            ClientRecord record = store.find(app.id()).orElseThrow();
            assertThat(record.checks().lastRunId()).isEqualTo(runId);
            assertThat(record.checks().consecutiveFailures()).isEqualTo(apps.indexOf(app) < 2 ? 1 : 0);
        }
        assertThat(deployment.takeEvents()).hasSize(2);
    }

    private String lastRunId(RegisteredApp app) {
        return store.find(app.id()).orElseThrow().checks().lastRunId();
    }

    private static String summaryLine(String runId, int selected, int checked, int passed, int failed, int skipped) {
        return "run_id=" + runId + " selected=" + selected + " checked=" + checked + " passed=" + passed + " failed="
                + failed + " deferred=0 skipped=" + skipped + " conflicts=0 queued_segments=0 queued_clients=0"
                + " url_references=" + (checked * 5) + " probes_made=" + (checked * 5) + " warned=" + failed
                + " suspended=0 reinstated=0 events_unsent=0";
    }

    /** The SQS event Lambda would deliver for a message: {@code events/reverify-segment.json} carrying it. */
    private static ObjectNode sqsEvent(Message message) {
        ObjectNode event = SampleEvents.read(SampleEvents.folder().resolve("reverify-segment.json"));
        ((ObjectNode) event.path("Records").get(0)).put("messageId", message.messageId())
                .put("receiptHandle", message.receiptHandle()).put("body", message.body());
        return event;
    }

    private static JsonNode invoke(ReverifyClientsHandler handler, ObjectNode event, RecordingLambdaContext lambda)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return JSON.readTree(out.toByteArray());
    }
}
