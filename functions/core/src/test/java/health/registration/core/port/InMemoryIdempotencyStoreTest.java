package health.registration.core.port;

import health.registration.core.issue.IdempotencyStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.IdempotencyEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory store claims keys exactly as the IdempotencyStore Javadoc says. */
class InMemoryIdempotencyStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(clock);

    @Test
    void claimsAFreeKeyAndReturnsTheLiveEntryToTheNextClaimChangingNothing() {
        IdempotencyEntry first = entry("body-1", T0);

        assertThat(store.claim(first, T0)).isEmpty();
        assertThat(store.claim(entry("body-2", T0.plusSeconds(1)), T0.plusSeconds(1))).contains(first);
        assertThat(store.find("key")).contains(first);
    }

    @Test
    void keepsACompletedEntryPastItsLockUntilItExpires() {
        store.claim(entry("body-1", T0), T0);
        store.complete("key", "sealed");
        Instant afterLock = T0.plus(Duration.ofMinutes(5));

        Optional<IdempotencyEntry> existing = store.claim(entry("body-1", afterLock), afterLock);

        assertThat(existing).hasValueSatisfying(e -> assertThat(e.sealedAnswer()).isEqualTo("sealed"));
        Instant expiry = T0.plus(Duration.ofHours(24));
        assertThat(store.claim(entry("body-1", expiry), expiry)).as("still held at expiresAt").isPresent();
        Instant expired = expiry.plusMillis(1);
        assertThat(store.claim(entry("body-1", expired), expired)).as("expired after expiresAt").isEmpty();
        assertThat(store.find("key")).hasValueSatisfying(e -> assertThat(e.completed()).isFalse());
    }

    @Test
    void letsAnotherRequestTakeOverAnEntryInProgressPastItsLock() {
        store.claim(entry("body-1", T0), T0);

        assertThat(store.claim(entry("body-1", T0.plusSeconds(90)), T0.plusSeconds(90))).as("held until its lock").isPresent();
        Instant afterLock = T0.plusSeconds(90).plusMillis(1);
        assertThat(store.claim(entry("body-2", afterLock), afterLock)).isEmpty();
        assertThat(store.find("key")).hasValueSatisfying(e -> assertThat(e.bodyHash()).isEqualTo("body-2"));
    }

    @Test
    void forgetsAReleasedClaimInProgressAndRefusesToCompleteIt() {
        store.claim(entry("body-1", T0), T0);

        store.release("key");

        assertThat(store.find("key")).isEmpty();
        assertThatThrownBy(() -> store.complete("key", "sealed")).isInstanceOf(WriteConflict.class);
        assertThat(store.claim(entry("body-1", T0), T0)).isEmpty();
    }

    @Test
    void keepsACompletedEntryThatIsReleased() {
        store.claim(entry("body-1", T0), T0);
        store.complete("key", "sealed");

        store.release("key");

        assertThat(store.find("key")).hasValueSatisfying(e -> assertThat(e.sealedAnswer()).isEqualTo("sealed"));
    }

    @Test
    void hidesAnExpiredEntryFromFind() {
        store.claim(entry("body-1", T0), T0);
        clock.advance(Duration.ofHours(24));
        assertThat(store.find("key")).isPresent();

        clock.advance(Duration.ofMillis(1));

        assertThat(store.find("key")).isEmpty();
        assertThat(store.entries()).hasSize(1);
    }

    @Test
    void grantsOneOfManyConcurrentClaimsOfAKey() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> claims = IntStream.range(0, 8).mapToObj(i -> threads.submit(() -> {
                if (!start.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the attempts were never released together");
                }
                return store.claim(entry("body-" + i, T0), T0).isEmpty();
            })).toList();
            start.countDown();
            int granted = 0;
            for (Future<Boolean> claim : claims) {
                granted += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isOne();
        } finally {
            threads.shutdownNow();
        }
    }

    private static IdempotencyEntry entry(String bodyHash, Instant now) {
        return new IdempotencyEntry("key", bodyHash, null, now.plusSeconds(90), now.plus(Duration.ofHours(24)));
    }
}
