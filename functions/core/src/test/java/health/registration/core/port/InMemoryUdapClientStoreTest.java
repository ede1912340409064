package health.registration.core.port;

import health.registration.core.udap.UdapClientStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.UrlChecks;
import health.registration.core.policy.rules.ValidMetadata;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the UdapClientStore contract that DynamoUdapClientStoreIT checks against the table. */
class InMemoryUdapClientStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final String COMMUNITY = "https://community.example.org/";
    private static final String ISSUER = "https://app.example.org/fhir";

    private final InMemoryUdapClientStore store = new InMemoryUdapClientStore();

    @Test
    void findsARegistrationByItsCommunityAndIssuerAndThroughTheClientStore() {
        ClientRecord record = udap(1, COMMUNITY, ISSUER);
        store.register(record);

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).contains(record);
        assertThat(store.findByIssuer("https://elsewhere.example/", ISSUER)).isEmpty();
        assertThat(store.findByIssuer(COMMUNITY, ISSUER + "/other")).isEmpty();
        assertThat(store.clients().find(record.clientId())).contains(record);
    }

    @Test
    void refusesASecondRegistrationOfTheSamePairOrClientIdButNotOfAnotherCommunity() {
        ClientRecord first = udap(1, COMMUNITY, ISSUER);
        store.register(first);

        assertThatThrownBy(() -> store.register(udap(2, COMMUNITY, ISSUER))).isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.register(udap(1, COMMUNITY, ISSUER + "/other"))).isInstanceOf(WriteConflict.class);
        store.register(udap(3, "https://elsewhere.example/", ISSUER));

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).contains(first);
        assertThat(store.registrations()).isEqualTo(2);
        assertThat(store.clients().size()).isEqualTo(2);
    }

    @Test
    void replacesOnlyTheNextVersionWithinTheSameCommunityAndIssuer() {
        ClientRecord v1 = udap(1, COMMUNITY, ISSUER);
        store.register(v1);
        ClientRecord v2 = v1.withStatus(ClientStatus.ACTIVE, T0.plusSeconds(1));
        store.replace(v2);

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).contains(v2);
        assertThatThrownBy(() -> store.replace(v2)).isInstanceOf(WriteConflict.class);
        ClientRecord moved = new ClientRecord(v2.clientId(), v2.status(), v2.metadata(),
                Credentials.ofCertificate(binding("https://elsewhere.example/", ISSUER), T0), v2.checks(), T0, T0, 3);
        assertThatThrownBy(() -> store.replace(moved)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.replace(InMemoryClientStoreTest.record(1, ClientStatus.ACTIVE, T0)))
                .as("no binding").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelRemovesRecordAndMappingSoNeitherReplaceNorFindSeesThem() {
        ClientRecord v1 = udap(1, COMMUNITY, ISSUER);
        store.register(v1);

        assertThatThrownBy(() -> store.cancel(v1.withStatus(ClientStatus.ACTIVE, T0))).isInstanceOf(WriteConflict.class);
        store.cancel(v1);

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).isEmpty();
        assertThat(store.clients().size()).isZero();
        assertThat(store.registrations()).isZero();
        assertThatThrownBy(() -> store.replace(v1.withStatus(ClientStatus.ACTIVE, T0))).isInstanceOf(WriteConflict.class);
        store.register(udap(2, COMMUNITY, ISSUER));
    }

    @Test
    void hidesRecordsThatAreNotVisible() {
        ClientRecord v1 = udap(1, COMMUNITY, ISSUER);
        store.register(v1);
        store.replace(v1.withStatus(ClientStatus.DELETING, T0));

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).isEmpty();
    }

    @Test
    void aRecordDeletedThroughTheClientStoreLeavesItsMappingAsTheTableDoes() {
        ClientRecord v1 = udap(1, COMMUNITY, ISSUER);
        store.register(v1);
        store.clients().delete(v1.clientId(), 1);

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).isEmpty();
        assertThatThrownBy(() -> store.register(udap(2, COMMUNITY, ISSUER))).isInstanceOf(WriteConflict.class);
    }

    @Test
    void letsExactlyOneOfManyConcurrentRegistrationsOfAnIssuerWin() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<Boolean>> attempts = IntStream.rangeClosed(1, 10).mapToObj(i -> threads.submit(() -> {
                if (!start.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the attempts were never released together");
                }
                try {
                    store.register(udap(i, COMMUNITY, ISSUER));
                    return true;
                } catch (WriteConflict lost) {
                    return false;
                }
            })).toList();
            start.countDown();
            long winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isOne();
            assertThat(store.clients().size()).isOne();
        } finally {
            threads.shutdownNow();
        }
    }

    static ClientRecord udap(int n, String community, String issuer) {
        return new ClientRecord(SequentialIdSource.clientId(n), ClientStatus.ACTIVE, ValidMetadata.metadata(),
                Credentials.ofCertificate(binding(community, issuer), T0), new UrlChecks(null, null, T0), T0, T0, 1);
    }

    static CertificateBinding binding(String community, String issuer) {
        return new CertificateBinding(issuer, community, "MIIBcertificate", "thumbprint");
    }
}
