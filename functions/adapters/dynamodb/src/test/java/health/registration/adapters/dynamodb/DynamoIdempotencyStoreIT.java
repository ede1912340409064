package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.IdempotencyEntry;
import health.registration.core.issue.IdempotencyKey;
import health.registration.core.issue.IdempotencyPepper;
import health.registration.core.issue.SealedAnswer;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoIdempotencyStore} against moto, each test on a fresh copy of the template's TABLE.table(). */
class DynamoIdempotencyStoreIT {

    /** A whole second, so that expiries (kept in epoch seconds) read back equal. */
    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final Duration LOCK = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofHours(24);

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.clients("idempotency-it");

    /** The store as seen at a time: {@code find} treats entries expired by then as absent. */
    private DynamoIdempotencyStore storeAt(Instant now) {
        return new DynamoIdempotencyStore(TABLE.requests(), TABLE.name(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static IdempotencyEntry fresh(String keyId, String bodyHash, Instant now) {
        return new IdempotencyEntry(keyId, bodyHash, null, now.plus(LOCK), now.plus(WINDOW));
    }

    private static String newKeyId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void firstClaimWinsAndLaterClaimsGetItsEntryUnchanged() {
        String key = newKeyId();
        IdempotencyEntry first = fresh(key, "body-1", NOW);

        assertThat(storeAt(NOW).claim(first, NOW)).isEmpty();
        assertThat(storeAt(NOW).claim(fresh(key, "body-2", NOW.plusSeconds(1)), NOW.plusSeconds(1))).contains(first);
        assertThat(storeAt(NOW).find(key)).contains(first);
    }

    @Test
    void ofTenConcurrentClaimsExactlyOneWinsAndTheOthersSeeItsEntry() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = newKeyId();
            List<Callable<Optional<IdempotencyEntry>>> claims = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                IdempotencyEntry entry = fresh(key, "body-" + i, NOW);
                claims.add(() -> new DynamoIdempotencyStore(TABLE.racingDynamo(), TABLE.name(), Clock.fixed(NOW, ZoneOffset.UTC))
                        .claim(entry, NOW));
            }

            List<Object> outcomes = Race.run(claims);

            assertThat(outcomes).filteredOn(Optional.empty()::equals).hasSize(1);
            IdempotencyEntry stored = storeAt(NOW).find(key).orElseThrow();
            assertThat(outcomes).filteredOn(o -> !Optional.empty().equals(o)).hasSize(9).containsOnly(Optional.of(stored));
        }
    }

    @Test
    void claimTakesOverAnExpiredEntryCompletedOrNot() {
        String inProgress = newKeyId();
        String completed = newKeyId();
        storeAt(NOW).claim(fresh(inProgress, "old", NOW), NOW);
        storeAt(NOW).claim(fresh(completed, "old", NOW), NOW);
        storeAt(NOW).complete(completed, "sealed-old");
        Instant later = NOW.plus(WINDOW).plusSeconds(2);

        assertThat(storeAt(later).claim(fresh(inProgress, "new", later), later)).isEmpty();
        assertThat(storeAt(later).claim(fresh(completed, "new", later), later)).isEmpty();
        assertThat(storeAt(later).find(inProgress)).contains(fresh(inProgress, "new", later));
        assertThat(storeAt(later).find(completed)).contains(fresh(completed, "new", later));
    }

    @Test
    void claimTakesOverAnEntryInProgressOnlyOnceItsLockHasPassed() {
        String key = newKeyId();
        IdempotencyEntry first = fresh(key, "body-1", NOW);
        storeAt(NOW).claim(first, NOW);
        Instant beforeLock = NOW.plus(LOCK).minusMillis(1);
        Instant afterLock = NOW.plus(LOCK).plusMillis(1);

        assertThat(storeAt(beforeLock).claim(fresh(key, "body-1", beforeLock), beforeLock)).contains(first);
        assertThat(storeAt(afterLock).claim(fresh(key, "body-1", afterLock), afterLock)).isEmpty();
        assertThat(storeAt(afterLock).find(key)).hasValueSatisfying(taken -> {
            assertThat(taken.lockedUntil()).isEqualTo(afterLock.plus(LOCK));
            assertThat(taken.expiresAt()).isEqualTo(afterLock.plus(WINDOW).plusMillis(999)); // rounded up to the second
        });
    }

    @Test
    void claimNeverTakesOverACompletedEntryWhileItLives() {
        String key = newKeyId();
        storeAt(NOW).claim(fresh(key, "body-1", NOW), NOW);
        storeAt(NOW).complete(key, "sealed-answer");
        Instant afterLock = NOW.plus(LOCK).plusSeconds(60);

        Optional<IdempotencyEntry> holder = storeAt(afterLock).claim(fresh(key, "body-1", afterLock), afterLock);

        assertThat(holder).hasValueSatisfying(entry -> {
            assertThat(entry.completed()).isTrue();
            assertThat(entry.sealedAnswer()).isEqualTo("sealed-answer");
        });
    }

    @Test
    void completeKeepsTheAnswerForFind() {
        String key = newKeyId();
        IdempotencyEntry claimed = fresh(key, "body-1", NOW);
        storeAt(NOW).claim(claimed, NOW);

        storeAt(NOW).complete(key, "sealed-answer");

        assertThat(storeAt(NOW.plusSeconds(5)).find(key)).contains(new IdempotencyEntry(key, "body-1", "sealed-answer",
                claimed.lockedUntil(), claimed.expiresAt()));
    }

    @Test
    void completeWithoutAClaimConflictsAndCreatesNothing() {
        String key = newKeyId();
        assertThatThrownBy(() -> storeAt(NOW).complete(key, "sealed-answer")).isInstanceOf(WriteConflict.class);
        assertThat(storeAt(NOW).find(key)).isEmpty();
    }

    @Test
    void releaseForgetsAnEntryInProgressSoARetryClaimsAfresh() {
        String key = newKeyId();
        storeAt(NOW).claim(fresh(key, "body-1", NOW), NOW);

        storeAt(NOW).release(key);

        assertThat(storeAt(NOW).find(key)).isEmpty();
        assertThat(storeAt(NOW).claim(fresh(key, "body-1", NOW), NOW)).isEmpty();
    }

    @Test
    void releaseKeepsACompletedEntryAndIgnoresAMissingOne() {
        String key = newKeyId();
        storeAt(NOW).claim(fresh(key, "body-1", NOW), NOW);
        storeAt(NOW).complete(key, "sealed-answer");

        storeAt(NOW).release(key);
        storeAt(NOW).release(newKeyId());

        assertThat(storeAt(NOW).find(key)).hasValueSatisfying(e -> assertThat(e.sealedAnswer()).isEqualTo("sealed-answer"));
    }

    @Test
    void findTreatsAnEntryPastItsExpiryAsAbsentThoughTheTableStillHoldsIt() {
        String key = newKeyId();
        IdempotencyEntry entry = fresh(key, "body-1", NOW);
        storeAt(NOW).claim(entry, NOW);
        Instant expiry = entry.expiresAt();

        assertThat(storeAt(expiry).find(key)).contains(entry);
        assertThat(storeAt(expiry.plusMillis(999)).find(key)).contains(entry); // expiry is kept to the second
        assertThat(storeAt(expiry.plusSeconds(1)).find(key)).isEmpty();
        assertThat(TABLE.dynamo().getItem(r -> r.tableName(TABLE.name()).key(IdempotencyItem.key(key))).hasItem())
                .as("moto never applies the time-to-live").isTrue();
    }

    @Test
    void everyOperationIsUnavailableWhenTheTableCannotBeReached() {
        IdempotencyEntry entry = fresh(newKeyId(), "body-1", NOW);
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            DynamoDbRequests dead = UnreachableTable.requests(http);
            DynamoIdempotencyStore unreachable = new DynamoIdempotencyStore(dead, UnreachableTable.NAME, Clock.systemUTC());
            List<ThrowingCallable> operations = List.of(
                    () -> unreachable.claim(entry, NOW),
                    () -> unreachable.find(entry.keyId()),
                    () -> unreachable.complete(entry.keyId(), "sealed-answer"),
                    () -> unreachable.release(entry.keyId()));
            for (ThrowingCallable operation : operations) {
                assertThatThrownBy(operation).isInstanceOf(StoreUnavailable.class)
                        .hasMessageStartingWith("the clients table did not answer")
                        .message().doesNotContain("sealed-answer", entry.keyId());
            }
        }
    }

    /**
     * What a read of the table alone yields: the item holds neither the Idempotency-Key (in any of its forms) nor the
     * answer's secret, and without the server's pepper the key cannot be linked to the item nor the answer opened.
     */
    @Test
    void keepsNeitherTheKeyNorAnAnswerThatOpensWithoutThePepper() {
        IdempotencyKey key = IdempotencyKey.parse("3F2B8C1E-7A64-4D0B-9E15-C2A7F09B6D31").value();
        SealedAnswer sealing = new SealedAnswer(() -> IdempotencyPepper.parse("the server pepper, 32 characters or more"));
        SealedAnswer withoutPepper = new SealedAnswer(() -> IdempotencyPepper.parse("a guessed pepper, 32 characters or more"));
        String answer = "{\"client_id\":\"client-1\",\"client_secret\":\"secret-value-4711\"}";
        DynamoIdempotencyStore store = storeAt(NOW);
        String keyId = sealing.keyId(key);
        store.claim(fresh(keyId, sealing.bodyHash(key, new byte[] {'{', '}'}), NOW), NOW);
        store.complete(keyId, sealing.seal(key, answer));

        List<java.util.Map<String, AttributeValue>> items = TABLE.dynamo().scan(r -> r.tableName(TABLE.name())).items();

        assertThat(items).singleElement().satisfies(item -> {
            String everything = item.toString();
            for (String form : List.of(key.value(), key.value().toUpperCase(), key.value().replace("-", ""), "secret-value-4711")) {
                assertThat(everything).doesNotContainIgnoringCase(form);
            }
            assertThat(everything).doesNotContain(withoutPepper.keyId(key));
            String sealed = item.get(IdempotencyItem.SEALED_ANSWER).s();
            assertThat(withoutPepper.open(key, sealed)).as("the key without the pepper").isEmpty();
            assertThat(sealing.open(key, sealed)).as("the key with the pepper").contains(answer);
        });
    }
}
