package health.registration.core.port;

import health.registration.core.udap.JtiStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the JtiStore contract that DynamoJtiStoreIT checks against the table. */
class InMemoryJtiStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant EXP = NOW.plusSeconds(300);
    private static final String ISSUER = "https://app.example.org/fhir";

    private final InMemoryJtiStore store = new InMemoryJtiStore();

    @Test
    void recordsAUseOnceAndSeesItForItsIssuerOnly() {
        assertThat(store.seen(ISSUER, "jti-1", NOW)).isFalse();
        assertThat(store.record(ISSUER, "jti-1", EXP, NOW)).isTrue();

        assertThat(store.seen(ISSUER, "jti-1", NOW)).isTrue();
        assertThat(store.record(ISSUER, "jti-1", EXP.plusSeconds(60), EXP)).as("a replay").isFalse();
        assertThat(store.seen(ISSUER + "/other", "jti-1", NOW)).isFalse();
        assertThat(store.record(ISSUER + "/other", "jti-1", EXP, NOW)).isTrue();
    }

    @Test
    void forgetsAUseOnceTheSecondAfterItsExpiryHasBegunAndAllowsItAgain() {
        // IG STU2 §7.1.4: a jti may be reused after the JWT that used it has expired.
        store.record(ISSUER, "jti-1", EXP, NOW);

        assertThat(store.seen(ISSUER, "jti-1", EXP.plusMillis(999))).as("expiry is kept to the second").isTrue();
        assertThat(store.seen(ISSUER, "jti-1", EXP.plusSeconds(1))).isFalse();
        assertThat(store.record(ISSUER, "jti-1", EXP.plusSeconds(301), EXP.plusSeconds(1))).isTrue();
        assertThat(store.seen(ISSUER, "jti-1", EXP.plusSeconds(2))).isTrue();
    }

    @Test
    void roundsASubSecondExpiryUpAsTheTableDoes() {
        store.record(ISSUER, "jti-1", EXP.plusMillis(1), NOW);

        assertThat(store.seen(ISSUER, "jti-1", EXP.plusSeconds(1).plusMillis(999))).isTrue();
        assertThat(store.seen(ISSUER, "jti-1", EXP.plusSeconds(2))).isFalse();
    }

    @Test
    void letsExactlyOneOfManyConcurrentRecordsOfAUseSucceed() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<Boolean>> attempts = IntStream.range(0, 10).mapToObj(i -> threads.submit(() -> {
                if (!start.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the attempts were never released together");
                }
                return store.record(ISSUER, "jti-1", EXP, NOW);
            })).toList();
            start.countDown();
            long successes = 0;
            for (Future<Boolean> attempt : attempts) {
                successes += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(successes).isOne();
            assertThat(store.size()).isOne();
        } finally {
            threads.shutdownNow();
        }
    }
}
