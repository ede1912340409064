package health.registration.reverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.ManagementOutcome;
import health.registration.core.issue.UrlChecks;
import health.registration.core.reverify.Reverification;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/operations/reverification.md, the lifecycle end to end: apps registered for real, then re-verified through the
 * function's own wiring ({@code InProcessWiring.of(settings).reverification()}: the DynamoDB store on moto, the
 * in-process network prober against {@link ReverifySites} on 127.0.0.81:443, lifecycle events to an EventBridge bus on
 * moto whose rule sends them to an SQS queue, where the test reads them as an operator's rule would). Runs are
 * scheduled days after registration (each client is due a day after registration, then a day after each run).
 */
class ReverificationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NO_SPAN = Map.of(ReverificationConfiguration.REVERIFY_SUSPEND_AFTER_HOURS, "0");

    private static ReverifySites sites;

    private EmulatedDeployment deployment;
    private IdempotentRegistration registration;
    private DynamoClientStore store;
    private Instant registeredFrom;

    @BeforeAll
    static void serveSites() throws IOException {
        sites = ReverifySites.start(Path.of("target", "reverification-it"), "127.0.0.81", "life", 40);
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
        registeredFrom = Instant.now();
    }

    @AfterEach
    void removeDeployment() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void aLogoThatStopsAnsweringWarnsThenSuspendsAfterTheGracePeriodAndIsReinstatedOnceFixed() throws IOException {
        RegisteredApp app = RegisteredApp.register(registration, sites.newHost());
        sites.answer(app.logo(), Answer.NOT_FOUND);
        Reverification reverification = InProcessWiring.of(deployment.settings(NO_SPAN)).reverification();

        RunSummary first = run(reverification, 2);
        assertThat(first.checked()).isEqualTo(1);
        assertThat(first.warned()).isEqualTo(1);
        assertThat(stored(app).status()).isEqualTo(ClientStatus.WARNING);
        JsonNode failed = onlyEvent("ClientUrlCheckFailed", app);
        assertThat(failed.path("previous_status").asText()).isEqualTo("active");
        assertThat(failed.path("status").asText()).isEqualTo("warning");
        assertThat(failed.path("consecutive_failures").asInt()).isEqualTo(1);
        assertThat(failed.path("contacts").get(0).asText()).isEqualTo(RegisteredApp.CONTACT);
        assertProblem(failed.path("problems"), "/logo_uri", app.logo(), "not_found", "hard");
        // RFC 7592 GET, for the bearer of the token, shows the status and the failing URL.
        JsonNode read = rfc7592Read(app);
        assertThat(read.path("client_status").asText()).isEqualTo("warning");
        assertProblem(read.path("url_checks").path("problems"), "/logo_uri", app.logo(), "not_found", "hard");

        assertThat(run(reverification, 4).failed()).isEqualTo(1);
        assertThat(stored(app).status()).as("two failures of three").isEqualTo(ClientStatus.WARNING);
        assertThat(onlyEvent("ClientUrlCheckFailed", app).path("consecutive_failures").asInt()).isEqualTo(2);

        RunSummary third = run(reverification, 6);
        assertThat(third.suspended()).isEqualTo(1);
        assertThat(stored(app).status()).isEqualTo(ClientStatus.SUSPENDED);
        JsonNode suspended = onlyEvent("ClientSuspended", app);
        assertThat(suspended.path("previous_status").asText()).isEqualTo("warning");
        assertThat(suspended.path("consecutive_failures").asInt()).isEqualTo(3);
        assertProblem(suspended.path("problems"), "/logo_uri", app.logo(), "not_found", "hard");

        assertThat(run(reverification, 8).failed()).isEqualTo(1);
        assertThat(stored(app).status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(deployment.takeEvents()).as("a suspended client's further failures are not announced again").isEmpty();

        sites.answer(app.logo(), Answer.PNG);
        RunSummary fixed = run(reverification, 10);
        assertThat(fixed.passed()).isEqualTo(1);
        assertThat(fixed.reinstated()).isEqualTo(1);
        ClientRecord reinstated = stored(app);
        assertThat(reinstated.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(reinstated.checks().consecutiveFailures()).isZero();
        assertThat(reinstated.checks().problems()).isEmpty();
        assertThat(reinstated.checks().history()).extracting(change -> change.from() + ">" + change.to())
                .containsExactly("ACTIVE>WARNING", "WARNING>SUSPENDED", "SUSPENDED>ACTIVE");
        JsonNode back = onlyEvent("ClientReinstated", app);
        assertThat(back.path("previous_status").asText()).isEqualTo("suspended");
        assertThat(back.path("problems")).isEmpty();
    }

    @Test
    void redirectsMissingCallbacksAndLogosThatAreNoImageAreHardFailuresAndAFixReinstates() throws IOException {
        RegisteredApp redirecting = RegisteredApp.register(registration, sites.newHost());
        RegisteredApp missingCallback = RegisteredApp.register(registration, sites.newHost());
        RegisteredApp htmlLogo = RegisteredApp.register(registration, sites.newHost());
        sites.answer(redirecting.home(), Answer.REDIRECT);
        sites.answer(missingCallback.callback(), Answer.NOT_FOUND);
        sites.answer(htmlLogo.logo(), Answer.HTML);
        Reverification reverification = InProcessWiring.of(deployment.settings()).reverification();

        RunSummary failing = run(reverification, 2);

        assertThat(failing.failed()).isEqualTo(3);
        assertThat(failing.warned()).isEqualTo(3);
        assertOnlyProblem(redirecting, "/client_uri", redirecting.home(), "redirect", FailureKind.HARD);
        assertOnlyProblem(missingCallback, "/redirect_uris/0", missingCallback.callback(), "not_found", FailureKind.HARD);
        assertOnlyProblem(htmlLogo, "/logo_uri", htmlLogo.logo(), "not_an_image", FailureKind.HARD);
        assertThat(deployment.takeEvents()).hasSize(3).allSatisfy(event -> {
            assertThat(event.path("detail-type").asText()).isEqualTo("ClientUrlCheckFailed");
            assertThat(event.path("detail").path("status").asText()).isEqualTo("warning");
        });

        sites.answer(redirecting.home(), Answer.PAGE);
        sites.answer(missingCallback.callback(), Answer.CALLBACK);
        sites.answer(htmlLogo.logo(), Answer.PNG);
        RunSummary fixed = run(reverification, 4);

        assertThat(fixed.passed()).isEqualTo(3);
        assertThat(fixed.reinstated()).isEqualTo(3);
        List<JsonNode> events = deployment.takeEvents();
        assertThat(events).hasSize(3);
        for (RegisteredApp app : List.of(redirecting, missingCallback, htmlLogo)) {
            assertThat(stored(app).status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(onlyEvent(events, "ClientReinstated", app).path("previous_status").asText()).isEqualTo("warning");
        }
    }

    @Test
    void serverErrorsAndTimeoutsAreTransientAndCheckedAgainWithinSixHours() {
        RegisteredApp unavailable = RegisteredApp.register(registration, sites.newHost());
        RegisteredApp slow = RegisteredApp.register(registration, sites.newHost());
        RegisteredApp both = RegisteredApp.register(registration, sites.newHost());
        sites.answer(unavailable.home(), Answer.UNAVAILABLE);
        sites.answer(slow.home(), Answer.SLOW);
        sites.answer(both.home(), Answer.UNAVAILABLE);
        sites.answer(both.logo(), Answer.NOT_FOUND);
        Reverification reverification = InProcessWiring.of(deployment.settings()).reverification();

        Instant before = Instant.now();
        RunSummary summary = run(reverification, 2);
        Instant after = Instant.now();

        assertThat(summary.failed()).isEqualTo(3);
        assertOnlyProblem(unavailable, "/client_uri", unavailable.home(), "server_error", FailureKind.TRANSIENT);
        assertOnlyProblem(slow, "/client_uri", slow.home(), "timeout", FailureKind.TRANSIENT);
        for (RegisteredApp app : List.of(unavailable, slow)) {
            assertThat(stored(app).checks().nextCheckAt()).as("transient failures are checked again after 6 hours")
                    .isBetween(before.plus(Duration.ofHours(6)), after.plus(Duration.ofHours(6)));
        }
        UrlChecks mixed = stored(both).checks();
        assertThat(mixed.problems()).extracting(CheckProblem::member, CheckProblem::kind).containsExactly(
                tuple("/client_uri", FailureKind.TRANSIENT), tuple("/logo_uri", FailureKind.HARD));
        assertThat(mixed.nextCheckAt()).as("a hard problem waits for the next regular check")
                .isAfter(runAt(2).plus(Duration.ofHours(20)));
        assertThat(deployment.takeEvents()).hasSize(3);
    }

    @Test
    void suspendsOnlyWhenTheFailuresInARowHaveLastedTheGracePeriod() {
        RegisteredApp failingForDays = RegisteredApp.register(registration, sites.newHost());
        RegisteredApp failingSinceAnHour = RegisteredApp.register(registration, sites.newHost());
        Instant now = Instant.now();
        failedTwiceSince(failingForDays, now.minus(Duration.ofHours(73)));
        failedTwiceSince(failingSinceAnHour, now.minus(Duration.ofHours(1)));
        sites.answer(failingForDays.logo(), Answer.NOT_FOUND);
        sites.answer(failingSinceAnHour.logo(), Answer.NOT_FOUND);
        // The production grace period: three failed checks in a row spanning at least 72 hours.
        Reverification reverification = InProcessWiring.of(deployment.settings()).reverification();

        RunSummary summary = run(reverification, 2);

        assertThat(summary.suspended()).isEqualTo(1);
        assertThat(stored(failingForDays).status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(stored(failingSinceAnHour).status()).isEqualTo(ClientStatus.WARNING);
        assertThat(stored(failingSinceAnHour).checks().consecutiveFailures()).isEqualTo(3);
        List<JsonNode> events = deployment.takeEvents();
        assertThat(events).hasSize(2);
        JsonNode suspended = onlyEvent(events, "ClientSuspended", failingForDays);
        assertThat(suspended.path("suspends_at").isNull()).isTrue();
        JsonNode warned = onlyEvent(events, "ClientUrlCheckFailed", failingSinceAnHour);
        assertThat(Instant.parse(warned.path("suspends_at").asText()))
                .isEqualTo(stored(failingSinceAnHour).checks().firstFailedAt().plus(Duration.ofHours(72)));
    }

    @Test
    void anOperatorEventChecksThatClientNowAndAnswersItsStatusAndFailingUrls() throws IOException {
        RegisteredApp app = RegisteredApp.register(registration, sites.newHost());
        sites.answer(app.callback(), Answer.NOT_FOUND);
        ObjectNode event = SampleEvents.forClient(SampleEvents.read(SampleEvents.folder().resolve("reverify-client.json")),
                app.clientId(), "unused");
        ReverifyClientsHandler handler = new ReverifyClientsHandler(new ReverificationRequests(
                InProcessWiring.of(deployment.settings()).reverification(), Clock.systemUTC()), Clock.systemUTC());

        // Not due for a day: an operator's check runs anyway.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, new RecordingLambdaContext("reverify"));
        JsonNode answer = JSON.readTree(out.toByteArray());

        assertThat(answer.path("client_id").asText()).isEqualTo(app.clientId());
        assertThat(answer.path("client_status").asText()).isEqualTo("warning");
        assertThat(answer.path("url_checks").path("consecutive_failures").asInt()).isEqualTo(1);
        assertProblem(answer.path("url_checks").path("problems"), "/redirect_uris/0", app.callback(), "not_found", "hard");
        assertThat(answer.toString()).doesNotContain(app.secret(), app.token());
        assertThat(stored(app).status()).isEqualTo(ClientStatus.WARNING);
        onlyEvent("ClientUrlCheckFailed", app);
    }

    private Instant runAt(int day) {
        return registeredFrom.plus(Duration.ofDays(day));
    }

    /** A scheduled run {@code day} days after registration, named after its day. */
    private RunSummary run(Reverification reverification, int day) {
        return reverification.run("it:day-" + day, runAt(day), Instant.now().plus(Duration.ofSeconds(40)));
    }

    private ClientRecord stored(RegisteredApp app) {
        return store.find(app.id()).orElseThrow();
    }

    /** The client as two failed checks would have left it, the first at {@code since}. */
    private void failedTwiceSince(RegisteredApp app, Instant since) {
        ClientRecord record = stored(app);
        UrlChecks checks = record.checks();
        CheckProblem problem = new CheckProblem("/logo_uri", app.logo(), "not_found", FailureKind.HARD, "logo_uri answers 404");
        store.replace(record.next(ClientStatus.WARNING, record.metadata(), record.credentials(),
                new UrlChecks(checks.lastCheckedAt(), checks.lastReport(), checks.nextCheckAt(), 2, since, List.of(problem),
                        "earlier-run", checks.history(), List.of()), Instant.now()));
    }

    private JsonNode rfc7592Read(RegisteredApp app) throws IOException {
        ManagementOutcome read = InProcessWiring.of(deployment.settings()).registeredClients().read(app.clientId(), app.token());
        assertThat(read).isInstanceOf(ManagementOutcome.Shown.class);
        return JSON.readTree(((ManagementOutcome.Shown) read).answer());
    }

    private void assertOnlyProblem(RegisteredApp app, String member, String url, String code, FailureKind kind) {
        ClientRecord record = stored(app);
        assertThat(record.status()).isEqualTo(ClientStatus.WARNING);
        assertThat(record.checks().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.member()).isEqualTo(member);
            assertThat(problem.url()).isEqualTo(url);
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.kind()).isEqualTo(kind);
        });
    }

    private static void assertProblem(JsonNode problems, String member, String url, String code, String kind) {
        assertThat(problems).hasSize(1);
        JsonNode problem = problems.get(0);
        assertThat(problem.path("member").asText()).isEqualTo(member);
        assertThat(problem.path("url").asText()).isEqualTo(url);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("kind").asText()).isEqualTo(kind);
        assertThat(problem.path("description").asText()).isNotBlank();
    }

    /**
     * The one event delivered since the last look, of the type and for the app: its detail, which names the client
     * and carries neither its secret, nor its registration access token, nor where the secret is kept.
     */
    private JsonNode onlyEvent(String detailType, RegisteredApp app) {
        return onlyEvent(deployment.takeEvents(), detailType, app);
    }

    /** The one event among {@code delivered} for the app, as {@link #onlyEvent(String, RegisteredApp)}. */
    private JsonNode onlyEvent(List<JsonNode> delivered, String detailType, RegisteredApp app) {
        List<JsonNode> events = delivered.stream()
                .filter(e -> e.path("detail").path("client_id").asText().equals(app.clientId())).toList();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("source").asText()).isEqualTo("health.registration");
            assertThat(event.path("detail-type").asText()).isEqualTo(detailType);
            assertThat(event.toString()).doesNotContain(app.secret(), app.token(), stored(app).credentials().secretArn(),
                    // The member itself: client_secret_basic and client_secret_expires_at are metadata.
                    "\"client_secret\"", "registration_access_token");
        });
        return events.get(0).path("detail");
    }
}
