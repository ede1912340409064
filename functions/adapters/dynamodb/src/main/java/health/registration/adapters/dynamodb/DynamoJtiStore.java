package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.udap.JtiStore;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@link JtiStore} on the clients table: one {@link JtiItem} per (iss, jti), removed by the table's time-to-live once
 * the statement has expired. Recording is one conditional PutItem that succeeds when the item is absent or expired,
 * so of any number of concurrent records of one pair, in any number of processes, exactly one succeeds. Expiry is
 * judged to the second on the terms of {@link TimeToLive}: a use is remembered until the whole second after its
 * expiry, never less. Every SDK failure is a {@link StoreUnavailable} whose message names neither iss nor jti.
 */
public final class DynamoJtiStore implements JtiStore {

    private static final String RECORDABLE = "attribute_not_exists(#pk) OR #expiresAt < :nowSeconds";
    private static final Map<String, String> NAMES = Map.of("#pk", ClientsTable.KEY, "#expiresAt", ClientsTable.EXPIRES_AT);

    private final DynamoDbRequests dynamo;
    private final String table;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the clients table ({@value ClientsTable#NAME_VARIABLE})
     */
    public DynamoJtiStore(DynamoDbRequests dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
    }

    @Override
    public boolean seen(String issuer, String jti, Instant now) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(JtiItem.key(issuer, jti))
                    .consistentRead(true).build());
        } catch (SdkException e) {
            throw unavailable("GetItem", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return false;
        }
        try {
            return !TimeToLive.expired(response.item(), now);
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailable("the clients table holds a malformed jti item", e);
        }
    }

    @Override
    public boolean record(String issuer, String jti, Instant expiresAt, Instant now) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table)
                    .item(JtiItem.write(issuer, jti, expiresAt))
                    .conditionExpression(RECORDABLE)
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":nowSeconds", numberValue(TimeToLive.nowSeconds(now))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException replay) {
            return false;
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    private static StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("the clients table did not answer " + operation, cause);
    }
}
