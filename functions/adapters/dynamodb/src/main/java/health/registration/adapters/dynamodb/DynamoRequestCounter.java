package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.limit.RequestCounter;
import health.registration.core.port.StoreUnavailable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link RequestCounter} on the request counts table: one UpdateItem per request that adds one to the counter's item
 * (creating it) on condition that it is below the limit. DynamoDB applies a conditional update atomically, so of any
 * number of concurrent requests in any number of functions at most the limit are counted; a refused one changes
 * nothing. The item's time-to-live is its window's end, so the table holds only the counters of recent hours and no
 * reader ever scans it. Every SDK failure is a {@link StoreUnavailable} that names no source address.
 */
public final class DynamoRequestCounter implements RequestCounter {

    private static final String ADD_ONE = "ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)";
    private static final String BELOW_LIMIT = "attribute_not_exists(#count) OR #count < :limit";
    private static final Map<String, String> NAMES =
            Map.of("#count", RequestCountsTable.COUNT, "#expiresAt", RequestCountsTable.EXPIRES_AT);

    private final DynamoDbRequests dynamo;
    private final String table;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the request counts table ({@value RequestCountsTable#NAME_VARIABLE})
     */
    public DynamoRequestCounter(DynamoDbRequests dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
    }

    @Override
    public boolean increment(String counter, long limit, Instant windowEnd) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of(RequestCountsTable.KEY, textValue(counter)))
                    .updateExpression(ADD_ONE)
                    .conditionExpression(BELOW_LIMIT)
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":one", numberValue(1), ":limit", numberValue(limit),
                            ":expiresAt", numberValue(TimeToLive.epochSecondsRoundedUp(windowEnd))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailable("the request counts table did not answer UpdateItem", e);
        }
    }
}
