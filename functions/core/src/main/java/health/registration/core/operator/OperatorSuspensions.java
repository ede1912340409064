package health.registration.core.operator;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An operator's suspension and reinstatement of any visible client. An operator's suspension holds until an operator
 * lifts it: passing URL checks and updates do not. Reinstatement clears the failures and makes the client due at the
 * next re-verification run.
 */
public final class OperatorSuspensions {

    private final OperatorClients clients;
    private final OperatorPorts ports;
    private final IssuanceSettings settings;
    private final Clock clock;

    public OperatorSuspensions(OperatorClients clients, OperatorPorts ports, IssuanceSettings settings, Clock clock) {
        this.clients = clients;
        this.ports = ports;
        this.settings = settings;
        this.clock = clock;
    }

    public OperatorOutcome suspend(String clientId, String caller) {
        return change(clientId, caller, "client.suspend", (client, now) -> {
            UrlChecks after = client.checks().withChange(new StatusChange(now, client.status(), ClientStatus.SUSPENDED,
                    StatusChange.SUSPENDED_BY_OPERATOR));
            if (client.status() != ClientStatus.SUSPENDED) {
                after = after.withEvents(List.of(LifecycleEvent.of(LifecycleEvent.Type.SUSPENDED, client,
                        ClientStatus.SUSPENDED, after, null, now)));
            }
            return client.next(ClientStatus.SUSPENDED, client.metadata(), client.credentials(), after, now);
        });
    }

    public OperatorOutcome reinstate(String clientId, String caller) {
        return change(clientId, caller, "client.reinstate", (client, now) -> {
            if (client.status() == ClientStatus.ACTIVE) {
                return client;
            }
            UrlChecks after = new UrlChecks(client.checks().lastCheckedAt(), client.checks().lastReport(), now, 0, null,
                    List.of(), client.checks().lastRunId(), client.checks().history(), client.checks().pendingEvents())
                    .withChange(new StatusChange(now, client.status(), ClientStatus.ACTIVE, StatusChange.REINSTATED_BY_OPERATOR));
            after = after.withEvents(List.of(LifecycleEvent.of(LifecycleEvent.Type.REINSTATED, client, ClientStatus.ACTIVE,
                    after, null, now)));
            return client.next(ClientStatus.ACTIVE, client.metadata(), client.credentials(), after, now);
        });
    }

    private interface Change {
        ClientRecord apply(ClientRecord client, Instant now);
    }

    private OperatorOutcome change(String clientId, String caller, String action, Change change) {
        Optional<ClientRecord> found = clients.find(clientId);
        if (found.isEmpty()) {
            clients.audit(action, caller, clientId, OperatorAction.NOT_FOUND);
            return new OperatorOutcome.NotFound();
        }
        ClientRecord changed = change.apply(found.get(), clock.instant());
        if (changed != found.get()) {
            try {
                ports.stores().clients().replace(changed);
            } catch (WriteConflict changedMeanwhile) {
                clients.audit(action, caller, clientId, "conflict");
                return new OperatorOutcome.Conflict();
            }
            ports.stores().outbox().flush(changed);
        }
        clients.audit(action, caller, clientId, "done");
        return new OperatorOutcome.Shown(OperatorView.of(changed, settings.publicBaseUrl()).toString());
    }
}
