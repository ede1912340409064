package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.InMemoryUdapClientStore;
import health.registration.core.port.SequentialIdSource;
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
}
