package health.registration.adapters.dynamodb;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's time-to-live attribute ({@link ClientsTable#EXPIRES_AT}), shared by the items that expire. DynamoDB
 * wants epoch seconds, so an expiry is rounded up (an item is never forgotten early). DynamoDB deletes expired items
 * only eventually and returns them until it does (moto never deletes them), so readers judge expiry themselves, on
 * the same terms as the conditional writes: {@code expiresAt < :nowSeconds}.
 */
final class TimeToLive {

    private TimeToLive() {}

    static long epochSecondsRoundedUp(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }

    /** The value a condition compares {@code expiresAt} with: the current whole second. */
    static long nowSeconds(Instant now) {
        return now.getEpochSecond();
    }

    /** True once the item's expiry has passed; {@link IllegalArgumentException} when it has none. */
    static boolean expired(Map<String, AttributeValue> item, Instant now) {
        return new StoredItem(item).number(ClientsTable.EXPIRES_AT) < nowSeconds(now);
    }
}
