package health.registration.core.port;

import health.registration.core.issue.ClientStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.UrlChecks;
import health.registration.core.policy.rules.ValidMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the ClientStore contract, so that tests of the core built on it mean something. */
class InMemoryClientStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    private final InMemoryClientStore store = new InMemoryClientStore();

    @Test
    void refusesToCreateASecondRecordWithTheSameId() {
        store.create(record(1, ClientStatus.PENDING, T0));

        assertThatThrownBy(() -> store.create(record(1, ClientStatus.ACTIVE, T0))).isInstanceOf(WriteConflict.class);
        assertThat(store.find(SequentialIdSource.clientId(1))).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ClientStatus.PENDING));
    }

    @Test
    void replacesOnlyTheVersionJustBeforeTheReplacement() {
        ClientRecord first = record(1, ClientStatus.PENDING, T0);
        store.create(first);
        ClientRecord second = first.withStatus(ClientStatus.ACTIVE, T0);

        store.replace(second);

        assertThat(store.find(first.clientId())).contains(second);
        assertThatThrownBy(() -> store.replace(second)).as("same version again").isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.replace(second.withStatus(ClientStatus.DELETING, T0).withStatus(ClientStatus.ACTIVE, T0)))
                .as("a version skipped").isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.replace(record(2, ClientStatus.ACTIVE, T0).withStatus(ClientStatus.ACTIVE, T0)))
                .as("no such record").isInstanceOf(WriteConflict.class);
    }

    @Test
    void deletesOnlyTheExpectedVersion() {
        ClientRecord first = record(1, ClientStatus.ACTIVE, T0);
        store.create(first);

        assertThatThrownBy(() -> store.delete(first.clientId(), 2)).isInstanceOf(WriteConflict.class);
        store.delete(first.clientId(), 1);

        assertThat(store.find(first.clientId())).isEmpty();
        assertThatThrownBy(() -> store.delete(first.clientId(), 1)).isInstanceOf(WriteConflict.class);
    }

    @Test
    void listsDueRecordsOfAStatusEarliestFirstUpToTheLimit() {
        store.create(record(1, ClientStatus.PENDING, T0.plusSeconds(30)));
        store.create(record(2, ClientStatus.PENDING, T0.plusSeconds(10)));
        store.create(record(3, ClientStatus.ACTIVE, T0));
        store.create(record(4, ClientStatus.PENDING, T0.plusSeconds(20)));
        store.create(record(5, ClientStatus.PENDING, T0.plusSeconds(61)));

        assertThat(ids(store.due(ClientStatus.PENDING, T0.plusSeconds(60), 10))).containsExactly(2, 4, 1);
        assertThat(ids(store.due(ClientStatus.PENDING, T0.plusSeconds(60), 2))).containsExactly(2, 4);
        assertThat(ids(store.due(ClientStatus.PENDING, T0.plusSeconds(20), 10))).as("at dueBy counts").containsExactly(2, 4);
        assertThat(ids(store.due(ClientStatus.DELETING, T0.plusSeconds(60), 10))).isEmpty();
    }

    @Test
    void letsExactlyOneOfManyConcurrentReplacementsOfAVersionWin() throws Exception {
        ClientRecord first = record(1, ClientStatus.ACTIVE, T0);
        store.create(first);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = IntStream.range(0, 8).mapToObj(i -> threads.submit(() -> {
                if (!start.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the attempts were never released together");
                }
                try {
                    store.replace(first.withStatus(ClientStatus.ACTIVE, T0.plusSeconds(i)));
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
            assertThat(store.find(first.clientId()).orElseThrow().version()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Integer> ids(List<ClientRecord> records) {
        return records.stream().map(r -> Integer.parseInt(r.clientId().value().substring("client-".length()))).toList();
    }

    static ClientRecord record(int n, ClientStatus status, Instant nextCheckAt) {
        ClientId id = SequentialIdSource.clientId(n);
        return new ClientRecord(id, status, ValidMetadata.metadata(), new Credentials(null, "hash-" + n, T0, 0),
                new UrlChecks(null, null, nextCheckAt), T0, T0.plus(Duration.ZERO), 1);
    }
}
