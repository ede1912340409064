package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.certificate.OwnershipChallenge;
import health.registration.core.port.WriteConflict;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoChallengeStore} against moto, each test on a fresh copy of the template's CertificatesTable. */
class DynamoChallengeStoreIT {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123Z");
    private static final String HASH = OwnershipChallenge.hash("token-of-the-test");

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.of("challenge-store-it", "CertificatesTable");

    private DynamoChallengeStore store;

    @BeforeEach
    void buildStoreOnTheTable() {
        store = new DynamoChallengeStore(TABLE.requests(), TABLE.name());
    }

    private static OwnershipChallenge challenge(String hash) {
        return new OwnershipChallenge(hash, "dev-4711", "https://app.example.com/udap", NOW,
                NOW.plus(OwnershipChallenge.LIFETIME), null);
    }

    @Test
    void aSavedChallengeReadsBackWithItsExpiryInWholeSecondsAsTheTimeToLive() {
        store.save(challenge(HASH));

        OwnershipChallenge read = store.find(HASH).orElseThrow();
        assertThat(read.developerId()).isEqualTo("dev-4711");
        assertThat(read.sanUri()).isEqualTo("https://app.example.com/udap");
        assertThat(read.issuedAt()).isEqualTo(NOW);
        assertThat(read.expiresAt()).isEqualTo(Instant.parse("2026-06-02T12:00:01Z"));
        assertThat(read.used()).isEmpty();
        Map<String, AttributeValue> item = TABLE.dynamo().getItem(r -> r.tableName(TABLE.name())
                .key(Map.of("pk", AttributeValue.fromS("CHALLENGE#" + HASH), "sk", AttributeValue.fromS("CHALLENGE")))).item();
        assertThat(item.get(CertificatesTable.EXPIRES_AT).n()).isEqualTo(String.valueOf(read.expiresAt().getEpochSecond()));
        assertThat(item).as("kept out of the sanUri index").doesNotContainKey(CertificatesTable.SAN_URI);
        assertThat(store.find(OwnershipChallenge.hash("another token"))).isEmpty();
    }

    @Test
    void aHashIsSavedOnce() {
        store.save(challenge(HASH));

        assertThatThrownBy(() -> store.save(challenge(HASH))).isInstanceOf(WriteConflict.class);
    }

    @Test
    void aChallengeIsUsedOnceAndAMissingOneNever() {
        store.save(challenge(HASH));

        store.use(HASH, NOW.plus(Duration.ofMinutes(5)));

        assertThat(store.find(HASH).orElseThrow().used()).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> store.use(HASH, NOW.plus(Duration.ofMinutes(6)))).isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.use(OwnershipChallenge.hash("never issued"), NOW)).isInstanceOf(WriteConflict.class);
        assertThat(store.find(OwnershipChallenge.hash("never issued"))).as("a failed use creates nothing").isEmpty();
    }
}
