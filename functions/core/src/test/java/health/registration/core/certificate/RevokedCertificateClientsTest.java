package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStore;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.InMemoryUdapClientStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.port.WriteConflict;
import health.registration.core.probe.ProbeReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Revoking a developer certificate suspends every UDAP client bound to it, at once, with its event. */
class RevokedCertificateClientsTest {

    private final AuthorityBench bench = new AuthorityBench();
    private final InMemoryUdapClientStore udap = new InMemoryUdapClientStore();
    private final InMemoryClientEvents events = new InMemoryClientEvents();
    private final RevokedCertificateClients clients = new RevokedCertificateClients(udap, udap.clients(), events,
            bench.clock);

    @ParameterizedTest(name = "a {0} client")
    @EnumSource(value = ClientStatus.class, names = {"ACTIVE", "WARNING"})
    void suspendsAClientBoundToTheRevokedCertificateWithAnEventSayingWhy(ClientStatus status) {
        IssuedCertificate certificate = bench.issue().certificate();
        ClientId bound = register(1, certificate, "https://community.example.org/a", status);
        ClientId other = register(2, bench.issue().certificate(), "https://community.example.org/c", ClientStatus.ACTIVE);

        List<ClientId> suspended = clients.suspend(revoke(certificate));

        assertThat(suspended).containsExactly(bound);
        ClientRecord after = udap.clients().find(bound).orElseThrow();
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(after.suspendedByOperator()).as("held until an operator reinstates it").isTrue();
        assertThat(after.checks().history()).last().satisfies(c -> assertThat(c.reason()).isEqualTo(StatusChange.CERTIFICATE_REVOKED));
        assertThat(after.checks().pendingEvents()).as("published").isEmpty();
        assertThat(events.published()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(LifecycleEvent.Type.SUSPENDED);
            assertThat(event.clientId()).isEqualTo(bound);
            assertThat(event.previousStatus()).isEqualTo(status);
            assertThat(event.problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo("certificate_revoked");
                assertThat(p.kind()).isEqualTo(FailureKind.HARD);
                assertThat(p.description()).contains(certificate.serial(), "revoked", "key_compromise");
            });
        });
        assertThat(udap.clients().find(other).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);
    }

    @Test
    void suspendsTheClientsOfEveryCommunityTheCertificateRegisteredIn() {
        IssuedCertificate certificate = bench.issue().certificate();
        ClientId first = register(1, certificate, "https://community.example.org/a", ClientStatus.ACTIVE);
        ClientId second = register(2, certificate, "https://community.example.org/b", ClientStatus.ACTIVE);

        assertThat(clients.suspend(revoke(certificate))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void leavesAClientSuspendedForTheRevocationAsItIsWhenAskedAgain() {
        IssuedCertificate certificate = bench.issue().certificate();
        register(1, certificate, "https://community.example.org/a", ClientStatus.ACTIVE);
        IssuedCertificate revoked = revoke(certificate);
        clients.suspend(revoked);

        assertThat(clients.suspend(revoked)).isEmpty();
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void holdsAClientSuspendedForFailedChecksWithoutAnotherEvent() {
        IssuedCertificate certificate = bench.issue().certificate();
        ClientId bound = register(1, certificate, "https://community.example.org/a", ClientStatus.SUSPENDED);

        clients.suspend(revoke(certificate));

        ClientRecord after = udap.clients().find(bound).orElseThrow();
        assertThat(after.suspendedByOperator()).isTrue();
        assertThat(events.published()).isEmpty();
    }

    private IssuedCertificate revoke(IssuedCertificate certificate) {
        RevocationOutcome outcome = bench.ca.revoke(certificate.serial(), RevocationReason.KEY_COMPROMISE, "arn:revoker");
        return ((RevocationOutcome.Revoked) outcome).certificate();
    }

    private ClientId register(int n, IssuedCertificate certificate, String community, ClientStatus status) {
        CertificateBinding binding = new CertificateBinding(certificate.sanUri(), community, certificate.certificate(),
                certificate.thumbprint());
        ClientRecord record = new ClientRecord(SequentialIdSource.clientId(n), status, AuthorityBench.metadata(),
                Credentials.ofCertificate(binding, AuthorityBench.NOW),
                new UrlChecks(AuthorityBench.NOW, new ProbeReport(List.of()), AuthorityBench.NOW.plus(Duration.ofDays(1))),
                AuthorityBench.NOW, AuthorityBench.NOW, 1);
        udap.register(record);
        return record.clientId();
    }

    @Test
    void refusesACertificateThatIsNotRevoked() {
        IssuedCertificate certificate = bench.issue().certificate();

        assertThatThrownBy(() -> clients.suspend(certificate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only a revoked certificate");
    }

    @Test
    void readsTheRecordAgainAndSuspendsItWhenAConcurrentWriteWonFirst() {
        IssuedCertificate certificate = bench.issue().certificate();
        ClientId bound = register(1, certificate, "https://community.example.org/a", ClientStatus.ACTIVE);
        ConflictingClients store = new ConflictingClients(1, false);

        List<ClientId> suspended = new RevokedCertificateClients(udap, store, events, bench.clock).suspend(revoke(certificate));

        assertThat(suspended).containsExactly(bound);
        assertThat(store.replaces).as("the lost write, the one on the record read again, the published event's")
                .isEqualTo(3);
        ClientRecord after = udap.clients().find(bound).orElseThrow();
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void givesUpWithTheConflictAfterThreeLostWrites() {
        IssuedCertificate certificate = bench.issue().certificate();
        ClientId bound = register(1, certificate, "https://community.example.org/a", ClientStatus.ACTIVE);
        ConflictingClients store = new ConflictingClients(Integer.MAX_VALUE, false);
        RevokedCertificateClients suspending = new RevokedCertificateClients(udap, store, events, bench.clock);
        IssuedCertificate revoked = revoke(certificate);

        assertThatThrownBy(() -> suspending.suspend(revoked)).isInstanceOf(WriteConflict.class);
        assertThat(store.replaces).isEqualTo(RevokedCertificateClients.ATTEMPTS);
        assertThat(udap.clients().find(bound).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(events.published()).isEmpty();
    }

    @Test
    void skipsAClientDeletedWhileItWasBeingSuspended() {
        IssuedCertificate certificate = bench.issue().certificate();
        ClientId bound = register(1, certificate, "https://community.example.org/a", ClientStatus.ACTIVE);
        ConflictingClients store = new ConflictingClients(1, true);

        List<ClientId> suspended = new RevokedCertificateClients(udap, store, events, bench.clock).suspend(revoke(certificate));

        assertThat(suspended).isEmpty();
        assertThat(store.replaces).isEqualTo(1);
        assertThat(udap.clients().find(bound)).isEmpty();
        assertThat(events.published()).isEmpty();
    }

    /**
     * The client records, where another writer changes (or deletes) a record just before each of the first
     * {@code conflicts} replacements, so that replacement loses with a {@link WriteConflict}.
     */
    private final class ConflictingClients implements ClientStore {

        private final int conflicts;
        private final boolean deletes;
        int replaces;

        ConflictingClients(int conflicts, boolean deletes) {
            this.conflicts = conflicts;
            this.deletes = deletes;
        }

        @Override
        public void create(ClientRecord record) {
            udap.clients().create(record);
        }

        @Override
        public java.util.Optional<ClientRecord> find(ClientId clientId) {
            return udap.clients().find(clientId);
        }

        @Override
        public void replace(ClientRecord replacement) {
            if (replaces++ < conflicts) {
                ClientRecord stored = udap.clients().find(replacement.clientId()).orElseThrow();
                if (deletes) {
                    udap.clients().delete(stored.clientId(), stored.version());
                } else {
                    udap.clients().replace(stored.next(stored.status(), stored.metadata(), stored.credentials(),
                            stored.checks(), AuthorityBench.NOW));
                }
            }
            udap.clients().replace(replacement);
        }

        @Override
        public void delete(ClientId clientId, long expectedVersion) {
            udap.clients().delete(clientId, expectedVersion);
        }

        @Override
        public List<ClientRecord> due(ClientStatus status, java.time.Instant dueBy, int limit) {
            return udap.clients().due(status, dueBy, limit);
        }

        @Override
        public DuePage duePage(ClientStatus status, java.time.Instant dueBy, int limit, String cursor) {
            return udap.clients().duePage(status, dueBy, limit, cursor);
        }
    }
}
