package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.certificate.ChallengeStore;
import health.registration.core.certificate.OwnershipChallenge;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link ChallengeStore} on the certificates table ({@link CertificatesTable}): one item per challenge,
 * {@code CHALLENGE#<token hash>}, holding the developer, the client URI (as {@code challengeSanUri}, so that the
 * {@code sanUri} index holds certificates only), when it was issued and used, and {@code expiresAt} in epoch seconds,
 * the table's time to live. Saved only where no item is; used only while it exists and is unused (a conditional
 * UpdateItem), so a token issues at most one certificate. Reads are strongly consistent.
 */
public final class DynamoChallengeStore implements ChallengeStore {

    static final String DEVELOPER_ID = "developerId";
    static final String SAN_URI = "challengeSanUri";
    static final String ISSUED_AT = "issuedAt";
    static final String USED_AT = "usedAt";

    private final DynamoDbRequests dynamo;
    private final String table;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the certificates table ({@value CertificatesTable#NAME_VARIABLE})
     */
    public DynamoChallengeStore(DynamoDbRequests dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
    }

    @Override
    public void save(OwnershipChallenge challenge) {
        Map<String, AttributeValue> item = new HashMap<>(key(challenge.tokenHash()));
        item.put(DEVELOPER_ID, textValue(challenge.developerId()));
        item.put(SAN_URI, textValue(challenge.sanUri()));
        item.put(ISSUED_AT, numberValue(challenge.issuedAt().toEpochMilli()));
        item.put(CertificatesTable.EXPIRES_AT, numberValue(TimeToLive.epochSecondsRoundedUp(challenge.expiresAt())));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", CertificatesTable.KEY)));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict("a challenge with this hash exists");
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    @Override
    public Optional<OwnershipChallenge> find(String tokenHash) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(r -> r.tableName(table).key(key(tokenHash)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw unavailable("GetItem", e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            StoredItem stored = new StoredItem(item);
            Long usedAt = stored.optionalNumber(USED_AT);
            return Optional.of(new OwnershipChallenge(tokenHash, stored.text(DEVELOPER_ID), stored.text(SAN_URI),
                    Instant.ofEpochMilli(stored.number(ISSUED_AT)),
                    Instant.ofEpochSecond(stored.number(CertificatesTable.EXPIRES_AT)),
                    usedAt == null ? null : Instant.ofEpochMilli(usedAt)));
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailable("the certificates table holds a malformed challenge", e);
        }
    }

    @Override
    public void use(String tokenHash, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(tokenHash))
                    .updateExpression("SET #usedAt = :at")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#usedAt)")
                    .expressionAttributeNames(Map.of("#pk", CertificatesTable.KEY, "#usedAt", USED_AT))
                    .expressionAttributeValues(Map.of(":at", numberValue(at.toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict("the challenge is missing or used already");
        } catch (SdkException e) {
            throw unavailable("UpdateItem", e);
        }
    }

    private static Map<String, AttributeValue> key(String tokenHash) {
        return Map.of(CertificatesTable.KEY, textValue(CertificatesTable.CHALLENGE_PREFIX + tokenHash),
                CertificatesTable.SORT_KEY, textValue(CertificatesTable.CHALLENGE));
    }

    private static StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("the certificates table did not answer " + operation, cause);
    }
}
