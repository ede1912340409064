package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.core.issue.IdempotencyEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Idempotency-Key entry as a DynamoDB item in the clients table. {@code lockedUntil} is kept in epoch
 * milliseconds; {@code expiresAt} is the table's time-to-live attribute, so it is kept in epoch seconds, rounded up
 * so that an entry is never forgotten early.
 */
final class IdempotencyItem {

    static final String KEY_PREFIX = "IDEMPOTENCY#";
    static final String BODY_HASH = "bodyHash";
    static final String SEALED_ANSWER = "sealedAnswer";
    static final String LOCKED_UNTIL = "lockedUntil";

    private IdempotencyItem() {}

    static Map<String, AttributeValue> key(String keyId) {
        return Map.of(ClientsTable.KEY, textValue(KEY_PREFIX + keyId));
    }

    static Map<String, AttributeValue> write(IdempotencyEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(entry.keyId()));
        item.put(BODY_HASH, textValue(entry.bodyHash()));
        if (entry.sealedAnswer() != null) {
            item.put(SEALED_ANSWER, textValue(entry.sealedAnswer()));
        }
        item.put(LOCKED_UNTIL, numberValue(entry.lockedUntil().toEpochMilli()));
        item.put(ClientsTable.EXPIRES_AT, numberValue(epochSecondsRoundedUp(entry.expiresAt())));
        return item;
    }

    /** The entry an item holds; {@link IllegalArgumentException} naming the attribute when it holds none. */
    static IdempotencyEntry read(Map<String, AttributeValue> item) {
        StoredItem stored = new StoredItem(item);
        String key = stored.text(ClientsTable.KEY);
        if (!key.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("attribute " + ClientsTable.KEY + " is not an Idempotency-Key entry's");
        }
        return new IdempotencyEntry(key.substring(KEY_PREFIX.length()), stored.text(BODY_HASH),
                stored.optionalText(SEALED_ANSWER), Instant.ofEpochMilli(stored.number(LOCKED_UNTIL)),
                Instant.ofEpochSecond(stored.number(ClientsTable.EXPIRES_AT)));
    }

    /**
     * True once the entry's time has passed, on the same terms as the claim's condition ({@code expiresAt <
     * :nowSeconds}). DynamoDB deletes expired items only eventually, and may return them until it does.
     */
    static boolean expired(Map<String, AttributeValue> item, Instant now) {
        return TimeToLive.expired(item, now);
    }

    static long epochSecondsRoundedUp(Instant instant) {
        return TimeToLive.epochSecondsRoundedUp(instant);
    }
}
