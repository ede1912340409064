package health.registration.core.connector;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryAuthorizationServerClients;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.SequentialIdSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientReconcileTest {

    private final InMemoryClientStore registry = new InMemoryClientStore();
    private final InMemoryAuthorizationServerClients server = new InMemoryAuthorizationServerClients();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final ChangeEventConnector connector = new ChangeEventConnector(registry, server, secrets);
    private final ClientReconcile reconcile = new ClientReconcile(registry, server, connector);

    private ClientRecord registered(int n, ClientStatus status, long version) {
        ClientId id = SequentialIdSource.clientId(n);
        secrets.create(id, new ClientSecret("secret-" + n + "-0123456789abcdefghijklmnopqrstuvwxyz"));
        ClientRecord record = ChangeEventConnectorTest.record(id, status, ValidMetadata.metadata(), version);
        registry.create(record);
        return record;
    }

    private void held(ClientRecord record, boolean enabled, long version) {
        ClientRecord at = ChangeEventConnectorTest.record(record.clientId(),
                enabled ? ClientStatus.ACTIVE : ClientStatus.SUSPENDED, record.metadata(), version);
        connector.write(at.clientId(), health.registration.core.issue.ClientChange.of(at));
    }

    private String state(ClientRecord record) {
        Optional<AuthorizationServerClient> held = server.held(record.clientId().value());
        return held.map(c -> (c.enabled() ? "enabled@" : "disabled@") + c.version()).orElse("none");
    }

    // Each row: the client in the registry (status and version), what the server holds ("none", or enabled/disabled
    // at a version), and what it holds after the reconcile.
    @ParameterizedTest(name = "{0} v{1}, server {2}: {3}")
    @CsvSource({
            "ACTIVE,    4, none,       enabled@4,  an event was lost: the client is created",
            "ACTIVE,    4, enabled@2,  enabled@4,  an update was lost: the client is replaced",
            "SUSPENDED, 4, enabled@2,  disabled@4, a suspension was lost: the client is disabled",
            "ACTIVE,    4, disabled@3, enabled@4,  a reinstatement was lost: the client is enabled",
            "WARNING,   4, enabled@4,  enabled@4,  in step: nothing written",
            "ACTIVE,    4, disabled@4, enabled@4,  disabled behind the connector's back: enabled again",
            "PENDING,   1, enabled@1,  none,       not visible in the registry: removed",
            "DELETING,  9, enabled@8,  none,       a deletion was lost: removed",
    })
    void repairsOneClient(ClientStatus status, long version, String before, String after) {
        ClientRecord record = registered(1, status, version);
        if (!before.equals("none")) {
            String[] held = before.split("@");
            held(record, held[0].equals("enabled"), Long.parseLong(held[1]));
        }
        int callsBefore = server.calls().size();

        reconcile.run();

        assertThat(state(record)).isEqualTo(after);
        if (before.equals(after)) {
            assertThat(server.calls()).as("nothing to repair, nothing written").hasSize(callsBefore);
        }
    }

    @Test
    void removesAClientTheRegistryNeverHadAndAnswersWhatItChanged() {
        ClientRecord kept = registered(1, ClientStatus.ACTIVE, 2);
        held(kept, true, 2);
        ClientRecord unknown = ChangeEventConnectorTest.record(SequentialIdSource.clientId(2), ClientStatus.ACTIVE,
                ValidMetadata.metadata(), 3);
        secrets.create(unknown.clientId(), new ClientSecret("secret-2-0123456789abcdefghijklmnopqrstuvwxyz"));
        held(unknown, true, 3);

        assertThat(reconcile.run()).containsExactly(new ConnectorOutcome.Removed(unknown.clientId().value(), 3));
        assertThat(server.list()).extracting(AuthorizationServerClient.Listed::clientId)
                .containsExactly(kept.clientId().value());
        assertThat(reconcile.run()).as("a second run finds nothing").isEmpty();
    }
}
