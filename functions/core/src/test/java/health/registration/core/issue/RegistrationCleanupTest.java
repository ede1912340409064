package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegistrationCleanupTest {

    private final IssuanceBench bench = new IssuanceBench();

    @Test
    void removesStalePendingRecordsAndDestroysTheirSecretsAtOnce() {
        List<ClientId> stale = abandon(2);
        bench.passPendingTimeout();

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(2, 0));

        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
        assertThat(bench.secretStore.destroyed()).containsExactlyElementsOf(stale);
        assertThat(bench.secretStore.scheduledDeletions()).isEmpty();
    }

    @Test
    void leavesPendingRecordsUntilThePendingTimeoutHasPassed() {
        abandon(1);
        bench.clock.advance(bench.settings.pendingTimeout().minusMillis(1));

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 0));
        assertThat(bench.clientStore.size()).isOne();
        assertThat(bench.secretStore.size()).isOne();

        bench.clock.advance(Duration.ofMillis(1));
        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(1, 0));
    }

    @Test
    void leavesActiveClientsAndTheirSecretsAlone() {
        ClientId active = new ClientId(bench.registerValidClient().path("client_id").asText());
        bench.clock.advance(Duration.ofDays(30));

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 0));

        assertThat(bench.clientStore.find(active)).isPresent();
        assertThat(bench.secretStore.read(active)).isPresent();
    }

    @Test
    void finishesADeletionBySchedulingTheSecretNotDestroyingIt() {
        ManagedClient client = ManagedClient.registerOn(bench);
        bench.secrets.failOn(FailingSecretStore.Operation.SCHEDULE_DELETION, 1);
        RegisteredClients clients = bench.registeredClients();
        assertThatThrownBy(() -> clients.delete(client.id(), client.token())).isInstanceOf(StoreUnavailable.class);

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 1));

        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.scheduled()).containsExactly(client.clientId());
        assertThat(bench.secretStore.destroyed()).isEmpty();
    }

    @Test
    void removesEveryStaleRecordInOnePassWhenThereAreMoreThanAPage() {
        IntStream.rangeClosed(1, 250).forEach(n -> plantPending(SequentialIdSource.clientId(n), bench.clock.instant()));
        bench.passPendingTimeout();

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(250, 0));

        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
    }

    @Test
    void aPassStoppedByAFailingSecretStoreIsFinishedByTheNext() {
        abandon(2);
        bench.passPendingTimeout();
        bench.secrets.failOn(FailingSecretStore.Operation.DESTROY, 2);

        assertThatThrownBy(() -> bench.cleanup().run()).isInstanceOf(StoreUnavailable.class);
        assertThat(bench.clientStore.size()).isOne();

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(1, 0));
        assertThat(bench.orphanedSecrets()).isEmpty();
        assertThat(bench.clientStore.size()).isZero();
    }

    @Test
    void aPassStoppedAfterDestroyingTheSecretRemovesTheRecordNextTime() {
        abandon(1);
        bench.passPendingTimeout();
        bench.clients.failOn(FailingClientStore.Operation.DELETE, 1);

        assertThatThrownBy(() -> bench.cleanup().run()).isInstanceOf(StoreUnavailable.class);
        assertThat(bench.secretStore.size()).isZero();
        assertThat(bench.clientsWithoutSecret()).as("the pending record stays invisible").isEmpty();

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(1, 0));
        assertThat(bench.clientStore.size()).isZero();
    }

    @Test
    void skipsARecordThatAnotherPassRemovedFirst() {
        ClientId id = abandon(1).get(0);
        bench.passPendingTimeout();
        bench.clients.interfereBefore(FailingClientStore.Operation.DELETE, 1,
                () -> bench.clientStore.delete(id, bench.clientStore.find(id).orElseThrow().version()));

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 0));

        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
    }

    @Test
    void stopsAfterAHundredPagesWhenDueRecordsCannotBeRemoved() {
        IntStream.rangeClosed(1, 100).forEach(n -> plantPending(SequentialIdSource.clientId(n), bench.clock.instant()));
        bench.passPendingTimeout();
        FailingClientStore counted = new FailingClientStore(new DeletesAlwaysConflict(bench.clientStore));

        assertThat(new RegistrationCleanup(new ClientStores(counted, bench.secrets), bench.clock).run())
                .isEqualTo(new RegistrationCleanup.Pass(0, 0));

        assertThat(counted.calls(FailingClientStore.Operation.DUE))
                .as("2 pages marking pending records abandoned, 100 of abandoned, 1 of deleting").isEqualTo(103);
    }

    /** Registrations whose activation failed: each leaves a pending record and its secret. */
    private List<ClientId> abandon(int count) {
        for (int n = 1; n <= count; n++) {
            bench.clients.failOn(FailingClientStore.Operation.REPLACE, n);
            assertThatThrownBy(bench::registerValidClient).isInstanceOf(StoreUnavailable.class);
        }
        assertThat(bench.orphanedSecrets()).hasSize(count);
        return bench.ids.issuedClientIds();
    }

    private void plantPending(ClientId id, Instant now) {
        bench.clientStore.create(new ClientRecord(id, ClientStatus.PENDING, ValidMetadata.metadata().withDefaults(),
                new Credentials(null, new RegistrationAccessToken("token-" + id).hash(), now, 0),
                new UrlChecks(now, null, now.plus(bench.settings.pendingTimeout())), now, now, 1));
        bench.secretStore.create(id, new ClientSecret("secret-" + id));
    }

    /** A store in which every record changes just before the cleanup can delete it. */
    private record DeletesAlwaysConflict(ClientStore delegate) implements ClientStore {
        @Override
        public void create(ClientRecord record) {
            delegate.create(record);
        }

        @Override
        public Optional<ClientRecord> find(ClientId clientId) {
            return delegate.find(clientId);
        }

        @Override
        public void replace(ClientRecord replacement) {
            delegate.replace(replacement);
        }

        @Override
        public void delete(ClientId clientId, long expectedVersion) {
            throw new WriteConflict("changed meanwhile");
        }

        @Override
        public List<ClientRecord> due(ClientStatus status, Instant dueBy, int limit) {
            return delegate.due(status, dueBy, limit);
        }

        @Override
        public DuePage duePage(ClientStatus status, Instant dueBy, int limit, String cursor) {
            return delegate.duePage(status, dueBy, limit, cursor);
        }
    }
}
