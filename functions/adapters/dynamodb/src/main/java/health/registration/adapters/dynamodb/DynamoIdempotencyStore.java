package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.IdempotencyEntry;
import health.registration.core.issue.IdempotencyStore;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link IdempotencyStore} on the clients table: one item per key, {@code IDEMPOTENCY#<keyId>}, removed by the
 * table's time-to-live once it expires. A claim is one conditional PutItem, so of any number of concurrent claims,
 * in any number of processes, exactly one succeeds; the others get the entry that stopped them, returned with the
 * failed condition. An expired entry counts as absent everywhere, since DynamoDB may keep returning it until its
 * time-to-live sweep deletes it (and an emulator may never delete it). Every SDK failure is a
 * {@link StoreUnavailable}.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

    /** How often a claim is tried when the entry that stopped it was gone by the time it was read. */
    static final int CLAIM_ATTEMPTS = 3;

    private static final String CLAIMABLE = "attribute_not_exists(#pk) OR #expiresAt < :nowSeconds"
            + " OR (attribute_not_exists(#answer) AND #lockedUntil < :nowMillis)";
    private static final Map<String, String> CLAIM_NAMES = Map.of("#pk", ClientsTable.KEY,
            "#expiresAt", ClientsTable.EXPIRES_AT, "#answer", IdempotencyItem.SEALED_ANSWER,
            "#lockedUntil", IdempotencyItem.LOCKED_UNTIL);

    private final DynamoDbRequests dynamo;
    private final String table;
    private final Clock clock;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the clients table ({@value ClientsTable#NAME_VARIABLE})
     * @param clock     tells {@link #find} which entries have expired
     */
    public DynamoIdempotencyStore(DynamoDbRequests dynamo, String tableName, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Optional<IdempotencyEntry> claim(IdempotencyEntry fresh, Instant now) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            try {
                dynamo.putItem(claimRequest(fresh, now));
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                Optional<IdempotencyEntry> holder = held.hasItem() && !held.item().isEmpty()
                        ? Optional.of(read(held.item())) : find(fresh.keyId(), now);
                if (holder.isPresent()) {
                    return holder;
                }
                // The entry that stopped the claim was released or expired before it could be read: claim again.
            } catch (SdkException e) {
                throw unavailable("PutItem", e);
            }
        }
        throw new StoreUnavailable("an Idempotency-Key entry kept changing while it was claimed", null);
    }

    private PutItemRequest claimRequest(IdempotencyEntry fresh, Instant now) {
        return PutItemRequest.builder().tableName(table)
                .item(IdempotencyItem.write(fresh))
                .conditionExpression(CLAIMABLE)
                .expressionAttributeNames(CLAIM_NAMES)
                .expressionAttributeValues(Map.of(":nowSeconds", numberValue(now.getEpochSecond()),
                        ":nowMillis", numberValue(now.toEpochMilli())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    @Override
    public Optional<IdempotencyEntry> find(String keyId) {
        return find(keyId, clock.instant());
    }

    private Optional<IdempotencyEntry> find(String keyId, Instant now) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(IdempotencyItem.key(keyId))
                    .consistentRead(true).build());
        } catch (SdkException e) {
            throw unavailable("GetItem", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        IdempotencyEntry entry = read(response.item());
        return IdempotencyItem.expired(response.item(), now) ? Optional.empty() : Optional.of(entry);
    }

    /** @throws WriteConflict when the entry is gone: released, or expired and swept */
    @Override
    public void complete(String keyId, String sealedAnswer) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(IdempotencyItem.key(keyId))
                    .updateExpression("SET #answer = :answer")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#answer", IdempotencyItem.SEALED_ANSWER, "#pk", ClientsTable.KEY))
                    .expressionAttributeValues(Map.of(":answer", textValue(sealedAnswer)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict("the Idempotency-Key entry is gone");
        } catch (SdkException e) {
            throw unavailable("UpdateItem", e);
        }
    }

    @Override
    public void release(String keyId) {
        try {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(IdempotencyItem.key(keyId))
                    .conditionExpression("attribute_not_exists(#answer)")
                    .expressionAttributeNames(Map.of("#answer", IdempotencyItem.SEALED_ANSWER))
                    .build());
        } catch (ConditionalCheckFailedException completed) {
            // A completed entry is kept: retries must get the answer that was given, not run afresh.
        } catch (SdkException e) {
            throw unavailable("DeleteItem", e);
        }
    }

    private static IdempotencyEntry read(Map<String, AttributeValue> item) {
        try {
            return IdempotencyItem.read(item);
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailable("the clients table holds a malformed Idempotency-Key entry", e);
        }
    }

    private static StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("the clients table did not answer " + operation, cause);
    }
}
