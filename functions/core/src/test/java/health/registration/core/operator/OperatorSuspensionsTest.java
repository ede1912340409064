package health.registration.core.operator;

import static health.registration.core.operator.OperatorBench.CALLER;
import static health.registration.core.operator.OperatorBench.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.ManagementOutcome;
import health.registration.core.issue.StatusChange;
import health.registration.core.policy.rules.ValidManualMetadata;
import health.registration.core.policy.rules.ValidManualMetadata.Relaxation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore.Operation;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.reverify.RunSummary;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator's suspension and reinstatement: events through the outbox, the reason in the history, a suspension that
 * holds until an operator lifts it (passing checks and a developer's update do not), and a reinstated client due at
 * once.
 */
class OperatorSuspensionsTest {

    private static final String LOGO = "https://app.example.com/logo.png";

    private final OperatorBench bench = new OperatorBench();

    @AfterEach
    void stop() {
        bench.close();
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(value = ClientStatus.class, names = {"ACTIVE", "WARNING"})
    void suspendsAVisibleClientAndPublishesTheSuspension(ClientStatus from) {
        ClientId id = bench.registerManually(ValidManualMetadata.metadata(Relaxation.NATIVE_APP));
        if (from == ClientStatus.WARNING) {
            bench.fail(id, ClientStatus.WARNING, "/logo_uri", LOGO);
        }
        bench.clock.advance(Duration.ofMinutes(5));

        JsonNode view = shown(bench.suspensions.suspend(id.value(), CALLER));

        ClientRecord after = bench.stored(id);
        Instant now = bench.clock.instant();
        assertThat(view.path("client_status").asText()).isEqualTo("suspended");
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(after.suspendedByOperator()).isTrue();
        assertThat(after.checks().history()).last().isEqualTo(new StatusChange(now, from, ClientStatus.SUSPENDED,
                StatusChange.SUSPENDED_BY_OPERATOR));
        assertThat(bench.events.statusEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(LifecycleEvent.Type.SUSPENDED);
            assertThat(event.clientId()).isEqualTo(id);
            assertThat(event.previousStatus()).isEqualTo(from);
            assertThat(event.status()).isEqualTo(ClientStatus.SUSPENDED);
            assertThat(event.at()).isEqualTo(now);
            assertThat(event.contacts()).containsExactly("dev@example.com");
            assertThat(event.suspendsAt()).isNull();
        });
        assertThat(after.checks().pendingEvents()).as("cleared once published").isEmpty();
        assertThat(bench.audit.last()).extracting(OperatorAction::action, OperatorAction::caller, OperatorAction::subject,
                OperatorAction::outcome).containsExactly("client.suspend", CALLER, id.value(), "done");
    }

    @Test
    void suspendsAClientThatFailuresSuspendedWithoutASecondEvent() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.fail(id, ClientStatus.SUSPENDED, "/logo_uri", LOGO);

        shown(bench.suspensions.suspend(id.value(), CALLER));

        ClientRecord after = bench.stored(id);
        assertThat(after.suspendedByOperator()).isTrue();
        assertThat(after.checks().history()).extracting(StatusChange::from, StatusChange::to, StatusChange::reason).containsExactly(
                tuple(ClientStatus.ACTIVE, ClientStatus.SUSPENDED, StatusChange.FAILURES_PERSISTED),
                tuple(ClientStatus.SUSPENDED, ClientStatus.SUSPENDED, StatusChange.SUSPENDED_BY_OPERATOR));
        assertThat(bench.events.statusEvents()).isEmpty();
    }

    @Test
    void keepsTheSuspensionThroughAPassingReverificationRun() {
        ClientId id = bench.registerManually(ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));
        bench.fail(id, ClientStatus.WARNING, "/logo_uri", LOGO);
        bench.suspensions.suspend(id.value(), CALLER);
        bench.clock.advance(Duration.ofDays(2));

        RunSummary summary = bench.reverify();

        ClientRecord after = bench.stored(id);
        assertThat(summary.checked()).isOne();
        assertThat(summary.passed()).isOne();
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(after.suspendedByOperator()).isTrue();
        assertThat(after.checks().consecutiveFailures()).isZero();
        assertThat(after.checks().problems()).isEmpty();
        assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.SUSPENDED);
    }

    @Test
    void keepsTheSuspensionThroughAFailingAndThenAPassingRun() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.suspensions.suspend(id.value(), CALLER);
        bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);
        bench.clock.advance(Duration.ofDays(2));
        bench.reverify();
        bench.prober.passingAll();
        bench.clock.advance(Duration.ofDays(2));

        bench.reverify();

        ClientRecord after = bench.stored(id);
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(after.suspendedByOperator()).isTrue();
        assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.SUSPENDED);
    }

    @Test
    void keepsTheSuspensionThroughADevelopersRfc7592Update() {
        JsonNode registered = bench.registerOpenly(ValidMetadata.metadata());
        String id = registered.path("client_id").asText();
        bench.suspensions.suspend(id, CALLER);
        com.fasterxml.jackson.databind.node.ObjectNode update = ValidMetadata.json();
        update.put("client_id", id);
        update.put("client_name", "Renamed by its developer");

        ManagementOutcome outcome = bench.registeredClients().update(id, registered.path("registration_access_token").asText(),
                health.registration.core.model.ClientMetadata.of(update));

        assertThat(outcome).isInstanceOf(ManagementOutcome.Shown.class);
        ClientRecord after = bench.stored(new ClientId(id));
        assertThat(after.metadata().text("client_name")).contains("Renamed by its developer");
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(after.suspendedByOperator()).isTrue();
        assertThat(OperatorBench.json(((ManagementOutcome.Shown) outcome).answer()).path("client_status").asText()).isEqualTo("suspended");
        assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.SUSPENDED);
    }

    @Test
    void reinstatesAnOperatorSuspendedClientDueAtOnce() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.fail(id, ClientStatus.WARNING, "/logo_uri", LOGO);
        bench.suspensions.suspend(id.value(), CALLER);
        bench.clock.advance(Duration.ofHours(3));
        Instant now = bench.clock.instant();

        JsonNode view = shown(bench.suspensions.reinstate(id.value(), CALLER));

        ClientRecord after = bench.stored(id);
        assertThat(view.path("client_status").asText()).isEqualTo("active");
        assertThat(after.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(after.suspendedByOperator()).isFalse();
        assertThat(after.checks().nextCheckAt()).as("due at the next run").isEqualTo(now);
        assertThat(after.checks().consecutiveFailures()).isZero();
        assertThat(after.checks().firstFailedAt()).isNull();
        assertThat(after.checks().problems()).isEmpty();
        assertThat(after.checks().history()).extracting(StatusChange::to, StatusChange::reason).containsExactly(
                tuple(ClientStatus.WARNING, StatusChange.URL_CHECK_FAILED),
                tuple(ClientStatus.SUSPENDED, StatusChange.SUSPENDED_BY_OPERATOR),
                tuple(ClientStatus.ACTIVE, StatusChange.REINSTATED_BY_OPERATOR));
        assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type, LifecycleEvent::previousStatus, LifecycleEvent::status)
                .containsExactly(tuple(LifecycleEvent.Type.SUSPENDED, ClientStatus.WARNING, ClientStatus.SUSPENDED),
                        tuple(LifecycleEvent.Type.REINSTATED, ClientStatus.SUSPENDED, ClientStatus.ACTIVE));
        assertThat(bench.audit.last()).extracting(OperatorAction::action, OperatorAction::outcome).containsExactly("client.reinstate", "done");
        assertThat(bench.store.due(ClientStatus.ACTIVE, now, 10)).extracting(ClientRecord::clientId).containsExactly(id);
    }

    @Test
    void reinstatesAClientThatFailuresSuspended() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.fail(id, ClientStatus.SUSPENDED, "/logo_uri", LOGO);

        shown(bench.suspensions.reinstate(id.value(), CALLER));

        assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.REINSTATED);
    }

    @Test
    void leavesAnActiveClientAloneWhenReinstated() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        ClientRecord before = bench.stored(id);

        JsonNode view = shown(bench.suspensions.reinstate(id.value(), CALLER));

        assertThat(view.path("client_status").asText()).isEqualTo("active");
        assertThat(bench.stored(id)).isEqualTo(before);
        assertThat(bench.events.statusEvents()).isEmpty();
        assertThat(bench.audit.last().outcome()).isEqualTo("done");
    }

    @Test
    void suspendsAUdapClientTooSinceTheOperatorCannotDeleteIt() {
        ClientId id = bench.addUdapClient();

        shown(bench.suspensions.suspend(id.value(), CALLER));

        assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.SUSPENDED);
    }

    @Test
    void answersNotFoundForNoSuchClient() {
        assertThat(bench.suspensions.suspend("client-000000000000099", CALLER)).isInstanceOf(OperatorOutcome.NotFound.class);
        assertThat(bench.suspensions.reinstate("client-000000000000099", CALLER)).isInstanceOf(OperatorOutcome.NotFound.class);
        assertThat(bench.audit.actions()).extracting(OperatorAction::action, OperatorAction::outcome).containsExactly(
                tuple("client.suspend", "not_found"), tuple("client.reinstate", "not_found"));
    }

    @Test
    void answersConflictWhenTheClientChangedMeanwhile() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.clients.interfereBefore(Operation.REPLACE, bench.clients.calls(Operation.REPLACE) + 1,
                () -> bench.store.replace(bench.stored(id).withStatus(ClientStatus.ACTIVE, bench.clock.instant())));

        assertThat(bench.suspensions.suspend(id.value(), CALLER)).isInstanceOf(OperatorOutcome.Conflict.class);

        assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(bench.events.statusEvents()).isEmpty();
        assertThat(bench.audit.last().outcome()).isEqualTo("conflict");
    }

    @Test
    void suspendsEvenWhenTheAuditTrailIsDown() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.audit.failing();

        assertThat(bench.suspensions.suspend(id.value(), CALLER)).isInstanceOf(OperatorOutcome.Shown.class);

        assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(bench.events.statusEvents()).hasSize(1);
    }

    @Test
    void keepsTheEventOnTheRecordWhenTheBusIsDown() {
        ClientId id = bench.registerManually(ValidMetadata.metadata());
        bench.events.failing();

        shown(bench.suspensions.suspend(id.value(), CALLER));

        assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(bench.stored(id).checks().pendingEvents()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.SUSPENDED);
    }
}
