package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStore;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link ClientStore} on the clients table ({@link ClientsTable}), through the low-level client. Every write is
 * conditional: {@code create} on the key being free, {@code replace} and {@code delete} on the version read
 * (optimistic locking), so a lost race is a {@link WriteConflict}. Reads by key are strongly consistent; {@code due}
 * and {@code duePage} read the status index, which DynamoDB keeps eventually consistent, so their callers act through
 * conditional writes. Every other SDK failure is a {@link StoreUnavailable} whose message holds no item contents.
 */
public final class DynamoClientStore implements ClientStore {

    /**
     * Records asked for per query page. DynamoDB may end a page sooner, at 1 MB (a record holds up to 64 KiB of
     * metadata); {@code due} follows {@code LastEvaluatedKey} either way.
     */
    static final int DEFAULT_PAGE_SIZE = 100;

    // Placeholders for every attribute named in an expression: "status" is a DynamoDB reserved word.
    private static final Map<String, String> KEY_NAME = Map.of("#pk", ClientsTable.KEY);
    private static final Map<String, String> KEY_AND_VERSION = Map.of("#pk", ClientsTable.KEY, "#version", ClientItem.VERSION);
    private static final Map<String, String> VERSION_NAME = Map.of("#version", ClientItem.VERSION);
    private static final Map<String, String> INDEX_NAMES = Map.of("#status", ClientsTable.STATUS,
            "#next", ClientsTable.NEXT_CHECK_AT);

    private final DynamoDbRequests dynamo;
    private final String table;
    private final int pageSize;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the clients table ({@value ClientsTable#NAME_VARIABLE})
     */
    public DynamoClientStore(DynamoDbRequests dynamo, String tableName) {
        this(dynamo, tableName, DEFAULT_PAGE_SIZE);
    }

    /** With a page size of its own, so that tests can make {@code due} follow several pages. */
    DynamoClientStore(DynamoDbRequests dynamo, String tableName, int pageSize) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
        if (pageSize < 1) {
            throw new IllegalArgumentException("a page holds at least one record");
        }
        this.pageSize = pageSize;
    }

    @Override
    public void create(ClientRecord record) {
        put(PutItemRequest.builder()
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(KEY_NAME), record, "a client with this id exists already");
    }

    @Override
    public Optional<ClientRecord> find(ClientId clientId) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(GetItemRequest.builder().tableName(table).key(ClientItem.key(clientId))
                    .consistentRead(true).build());
        } catch (SdkException e) {
            throw unavailable("GetItem", e);
        }
        return response.hasItem() && ClientItem.isClient(response.item())
                ? Optional.of(read(response.item())) : Optional.empty();
    }

    @Override
    public void replace(ClientRecord replacement) {
        put(PutItemRequest.builder()
                .conditionExpression("attribute_exists(#pk) AND #version = :expected")
                .expressionAttributeNames(KEY_AND_VERSION)
                .expressionAttributeValues(Map.of(":expected", numberValue(replacement.version() - 1))),
                replacement, "the client was changed or removed meanwhile");
    }

    @Override
    public void delete(ClientId clientId, long expectedVersion) {
        Map<String, AttributeValue> removed;
        try {
            removed = dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(ClientItem.key(clientId))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(VERSION_NAME)
                    .expressionAttributeValues(Map.of(":expected", numberValue(expectedVersion)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build()).attributes();
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict("the client was changed or removed meanwhile");
        } catch (SdkException e) {
            throw unavailable("DeleteItem", e);
        }
        removeUdapMapping(clientId, removed);
    }

    /**
     * A UDAP client removed here (the cleanup finishing a cancellation whose {@code ClientDeleted} could not be
     * published at once) frees its (community, iss) mapping too, so the app can register again (IG STU2 §3.4); only
     * while the mapping still names this client.
     */
    private void removeUdapMapping(ClientId clientId, Map<String, AttributeValue> removed) {
        if (removed == null || !removed.containsKey(ClientItem.UDAP_ISSUER) || !removed.containsKey(ClientItem.UDAP_COMMUNITY)) {
            return;
        }
        try {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                    .key(UdapMappingItem.key(removed.get(ClientItem.UDAP_COMMUNITY).s(), removed.get(ClientItem.UDAP_ISSUER).s()))
                    .conditionExpression("#clientId = :clientId")
                    .expressionAttributeNames(Map.of("#clientId", ClientItem.CLIENT_ID))
                    .expressionAttributeValues(Map.of(":clientId", textValue(clientId.value())))
                    .build());
        } catch (ConditionalCheckFailedException mappedElsewhere) {
            // Already gone, or the app registered again as another client: that mapping is not this client's.
        } catch (SdkException e) {
            throw unavailable("DeleteItem", e);
        }
    }

    @Override
    public List<ClientRecord> due(ClientStatus status, Instant dueBy, int limit) {
        List<ClientRecord> due = new ArrayList<>();
        Map<String, AttributeValue> start = Map.of();
        while (due.size() < limit) {
            QueryResponse page = query(status, dueBy, Math.min(pageSize, limit - due.size()), start);
            page.items().stream().filter(ClientItem::isClient).map(DynamoClientStore::read).forEach(due::add);
            start = page.lastEvaluatedKey();
            if (start.isEmpty()) {
                break;
            }
        }
        return due;
    }

    /**
     * One index query page. The cursor is the page's last evaluated key (the item key and its index key), written
     * as {@code base64url(nextCheckAt|key)}; the status is the caller's.
     */
    @Override
    public DuePage duePage(ClientStatus status, Instant dueBy, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one record");
        }
        Map<String, AttributeValue> start = cursor == null ? Map.of() : startKey(status, cursor);
        QueryResponse page = query(status, dueBy, limit, start);
        List<ClientRecord> records = page.items().stream().filter(ClientItem::isClient).map(DynamoClientStore::read).toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.get(ClientsTable.NEXT_CHECK_AT).n() + "|" + last.get(ClientsTable.KEY).s()).getBytes(StandardCharsets.UTF_8));
        return new DuePage(records, next);
    }

    private static Map<String, AttributeValue> startKey(ClientStatus status, String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("not a due-page cursor");
        }
        int bar = decoded.indexOf('|');
        // Checked here, or DynamoDB would refuse the start key and the caller's mistake would read as an outage.
        if (bar <= 0 || bar == decoded.length() - 1 || !decoded.substring(0, bar).matches("-?[0-9]{1,19}")) {
            throw new IllegalArgumentException("not a due-page cursor");
        }
        return Map.of(ClientsTable.KEY, textValue(decoded.substring(bar + 1)),
                ClientsTable.STATUS, textValue(status.code()),
                ClientsTable.NEXT_CHECK_AT, AttributeValue.builder().n(decoded.substring(0, bar)).build());
    }

    private QueryResponse query(ClientStatus status, Instant dueBy, int pageLimit, Map<String, AttributeValue> start) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .indexName(ClientsTable.STATUS_INDEX)
                .keyConditionExpression("#status = :status AND #next <= :dueBy")
                .expressionAttributeNames(INDEX_NAMES)
                .expressionAttributeValues(Map.of(":status", textValue(status.code()), ":dueBy", numberValue(dueBy.toEpochMilli())))
                .scanIndexForward(true)
                .limit(pageLimit);
        if (!start.isEmpty()) {
            request.exclusiveStartKey(start);
        }
        try {
            return dynamo.query(request.build());
        } catch (SdkException e) {
            throw unavailable("Query", e);
        }
    }

    private void put(PutItemRequest.Builder conditional, ClientRecord record, String conflict) {
        try {
            dynamo.putItem(conditional.tableName(table).item(ClientItem.write(record)).build());
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict(conflict);
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    /** The record an item holds; a malformed one makes the store unavailable, naming no value of it. */
    static ClientRecord read(Map<String, AttributeValue> item) {
        try {
            return ClientItem.read(item);
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailable("the clients table holds a malformed client record", e);
        }
    }

    static StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("the clients table did not answer " + operation, cause);
    }
}
