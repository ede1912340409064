package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.issue.IdempotencyEntry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IdempotencyItemTest {

    private static final Instant LOCKED_UNTIL = Instant.parse("2025-03-01T10:16:00.250Z");
    private static final Instant EXPIRES_AT = Instant.parse("2025-03-02T10:15:30Z");

    @Test
    void entryInProgressReadsBackEqual() {
        IdempotencyEntry entry = new IdempotencyEntry("key-id", "body-hash", null, LOCKED_UNTIL, EXPIRES_AT);
        assertThat(IdempotencyItem.read(IdempotencyItem.write(entry))).isEqualTo(entry);
    }

    @Test
    void completedEntryReadsBackEqual() {
        IdempotencyEntry entry = new IdempotencyEntry("key-id", "body-hash", "sealed", LOCKED_UNTIL, EXPIRES_AT);
        assertThat(IdempotencyItem.read(IdempotencyItem.write(entry))).isEqualTo(entry);
    }

    @Test
    void writesTheDocumentedAttributesWithExpiryInEpochSeconds() {
        Map<String, AttributeValue> item = IdempotencyItem.write(
                new IdempotencyEntry("key-id", "body-hash", null, LOCKED_UNTIL, EXPIRES_AT));

        assertThat(item.get("pk").s()).isEqualTo("IDEMPOTENCY#key-id");
        assertThat(item.get("bodyHash").s()).isEqualTo("body-hash");
        assertThat(item).doesNotContainKey("sealedAnswer");
        assertThat(item.get("lockedUntil").n()).isEqualTo(Long.toString(LOCKED_UNTIL.toEpochMilli()));
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(EXPIRES_AT.getEpochSecond()));
        assertThat(item).doesNotContainKeys("status", "nextCheckAt"); // so the entry stays out of the status index
    }

    @Test
    void expiryIsRoundedUpSoAnEntryIsNeverForgottenEarly() {
        Instant expiresAt = Instant.parse("2025-03-02T10:15:30.001Z");
        Map<String, AttributeValue> item = IdempotencyItem.write(
                new IdempotencyEntry("key-id", "body-hash", null, LOCKED_UNTIL, expiresAt));

        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt.getEpochSecond() + 1));
        assertThat(IdempotencyItem.expired(item, expiresAt.plusMillis(500))).isFalse();
        assertThat(IdempotencyItem.expired(item, expiresAt.plusSeconds(1))).isFalse();
        assertThat(IdempotencyItem.expired(item, expiresAt.plusSeconds(2))).isTrue();
    }
}
