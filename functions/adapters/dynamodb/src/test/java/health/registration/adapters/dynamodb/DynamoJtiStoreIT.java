package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.port.StoreUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** {@link DynamoJtiStore} against moto, each test on a fresh copy of the template's TABLE.table(). */
class DynamoJtiStoreIT {

    /** A whole second, as the table keeps expiries. */
    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    /** A software statement lives at most five minutes (IG STU2 registration §3.1: exp no more than 5 minutes after iat). */
    private static final Instant EXP = NOW.plus(Duration.ofMinutes(5));
    private static final String ISSUER = "https://app.example.org/fhir";

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.clients("jti-store-it");

    private DynamoJtiStore store;

    @BeforeEach
    void buildStoreOnTheTable() {
        store = new DynamoJtiStore(TABLE.requests(), TABLE.name());
    }

    private static String newJti() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aRecordedJtiIsSeenForItsIssuerOnly() {
        String jti = newJti();
        assertThat(store.seen(ISSUER, jti, NOW)).isFalse();

        assertThat(store.record(ISSUER, jti, EXP, NOW)).isTrue();

        assertThat(store.seen(ISSUER, jti, NOW)).isTrue();
        assertThat(store.seen(ISSUER, newJti(), NOW)).isFalse();
        assertThat(store.seen(ISSUER + "/other", jti, NOW)).isFalse();
    }

    @Test
    void aReplayBeforeExpiryIsRefusedAndKeepsTheFirstExpiry() {
        String jti = newJti();
        store.record(ISSUER, jti, EXP, NOW);

        assertThat(store.record(ISSUER, jti, EXP.plusSeconds(60), NOW.plusSeconds(1))).isFalse();
        assertThat(store.record(ISSUER, jti, EXP.plusSeconds(60), EXP)).as("at the expiry itself").isFalse();
        assertThat(storedExpiry(ISSUER, jti)).isEqualTo(EXP.getEpochSecond());
    }

    @Test
    void theSameJtiFromAnotherIssuerIsAnotherUse() {
        String jti = newJti();
        assertThat(store.record(ISSUER, jti, EXP, NOW)).isTrue();
        assertThat(store.record(ISSUER + "/other", jti, EXP, NOW)).isTrue();
    }

    @Test
    void afterItsExpiryAJtiIsUnseenThoughTheTableStillHoldsItAndMayBeUsedAgain() {
        // IG STU2 §7.1.4: a jti may be reused once the JWT that used it has expired.
        String jti = newJti();
        store.record(ISSUER, jti, EXP, NOW);

        assertThat(store.seen(ISSUER, jti, EXP)).isTrue();
        assertThat(store.seen(ISSUER, jti, EXP.plusMillis(999))).as("expiry is kept to the second").isTrue();
        assertThat(store.seen(ISSUER, jti, EXP.plusSeconds(1))).isFalse();
        assertThat(TABLE.dynamo().getItem(r -> r.tableName(TABLE.name()).key(JtiItem.key(ISSUER, jti))).hasItem())
                .as("moto never applies the time-to-live").isTrue();

        Instant later = EXP.plusSeconds(1);
        assertThat(store.record(ISSUER, jti, later.plus(Duration.ofMinutes(5)), later)).isTrue();
        assertThat(store.seen(ISSUER, jti, later)).isTrue();
        assertThat(storedExpiry(ISSUER, jti)).isEqualTo(later.plus(Duration.ofMinutes(5)).getEpochSecond());
    }

    @Test
    void ofTenConcurrentRecordsOfOneJtiExactlyOneSucceeds() throws Exception {
        DynamoJtiStore racing = new DynamoJtiStore(TABLE.racingDynamo(), TABLE.name());
        for (int round = 0; round < 5; round++) {
            String jti = newJti();
            List<Callable<Boolean>> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                records.add(() -> racing.record(ISSUER, jti, EXP, NOW));
            }

            List<Object> outcomes = Race.run(records);

            assertThat(outcomes).containsOnly(true, false).filteredOn(Boolean.TRUE::equals).hasSize(1);
            assertThat(store.seen(ISSUER, jti, NOW)).isTrue();
        }
    }

    @Test
    void jtiItemsStayOutOfTheStatusIndex() {
        store.record(ISSUER, newJti(), EXP, NOW);
        store.record(ISSUER, newJti(), EXP, NOW);
        new DynamoClientStore(TABLE.requests(), TABLE.name()).create(ClientRecords.active(ClientRecords.newId()));

        assertThat(TableKeys.inStatusIndex(TABLE.dynamo(), TABLE.name())).singleElement()
                .satisfies(key -> assertThat(key).startsWith("CLIENT#"));
    }

    @Test
    void everyOperationIsUnavailableWhenTheTableCannotBeReachedAndSaysNothingOfTheStatement() {
        String jti = newJti();
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            DynamoDbRequests dead = UnreachableTable.requests(http);
            DynamoJtiStore unreachable = new DynamoJtiStore(dead, UnreachableTable.NAME);
            List<ThrowingCallable> operations = List.of(
                    () -> unreachable.record(ISSUER, jti, EXP, NOW),
                    () -> unreachable.seen(ISSUER, jti, NOW));
            for (ThrowingCallable operation : operations) {
                assertThatThrownBy(operation).isInstanceOf(StoreUnavailable.class)
                        .hasMessageStartingWith("the clients table did not answer")
                        .message().doesNotContain(ISSUER, jti);
            }
        }
    }

    private long storedExpiry(String issuer, String jti) {
        return Long.parseLong(TABLE.dynamo().getItem(r -> r.tableName(TABLE.name()).key(JtiItem.key(issuer, jti))
                .consistentRead(true)).item().get(ClientsTable.EXPIRES_AT).n());
    }
}
