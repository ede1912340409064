package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.DomainClientCount;
import health.registration.core.port.StoreUnavailable;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * {@link DomainClientCount} on the clients table's sparse domain index: a Query with Select COUNT of the domain's
 * partition, paged until done (a page holds up to 1 MB of keys, far more than any limit). A global secondary index is
 * eventually consistent, so a client written a moment ago may not be counted yet.
 */
public final class DynamoDomainClientCount implements DomainClientCount {

    private final DynamoDbRequests dynamo;
    private final String table;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the clients table ({@value ClientsTable#NAME_VARIABLE})
     */
    public DynamoDomainClientCount(DynamoDbRequests dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
    }

    @Override
    public long clientsOf(String registrableDomain) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        try {
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                        .indexName(ClientsTable.DOMAIN_INDEX)
                        .keyConditionExpression("#domain = :domain")
                        .expressionAttributeNames(Map.of("#domain", ClientsTable.CLIENT_DOMAIN))
                        .expressionAttributeValues(Map.of(":domain", textValue(registrableDomain)))
                        .select(Select.COUNT)
                        .exclusiveStartKey(start)
                        .build());
                count += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StoreUnavailable("the clients table did not answer Query on " + ClientsTable.DOMAIN_INDEX, e);
        }
        return count;
    }
}
