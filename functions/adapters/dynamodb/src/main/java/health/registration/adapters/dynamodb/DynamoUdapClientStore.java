package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import health.registration.core.udap.UdapClientStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link UdapClientStore} on the clients table: the client record ({@link ClientItem}, the same item
 * {@link DynamoClientStore} reads) and a {@link UdapMappingItem} from (community, iss) to its client id, written and
 * removed together in one TransactWriteItems, so of concurrent first registrations of one issuer exactly one
 * succeeds. The mapping never changes while it lives (a registration keeps its client id, IG STU2 §3.4), so a
 * replacement is checked against it in the same transaction: a cancelled registration cannot be replaced, and a
 * record cannot move to another community or issuer. Reads are strongly consistent. A transaction cancelled by a
 * failed condition, or by a concurrent transaction on the same item, is a {@link WriteConflict}; every other SDK
 * failure is a {@link StoreUnavailable} whose message holds no item contents.
 */
public final class DynamoUdapClientStore implements UdapClientStore {

    /** Cancellation reasons that mean another writer got there first: retrying the same write cannot succeed. */
    private static final Set<String> LOST_RACE = Set.of("ConditionalCheckFailed", "TransactionConflict");

    private static final Map<String, String> KEY_NAME = Map.of("#pk", ClientsTable.KEY);
    private static final Map<String, String> KEY_AND_VERSION = Map.of("#pk", ClientsTable.KEY, "#version", ClientItem.VERSION);
    private static final Map<String, String> VERSION_NAME = Map.of("#version", ClientItem.VERSION);
    private static final Map<String, String> CLIENT_ID_NAME = Map.of("#clientId", ClientItem.CLIENT_ID);
    private static final String CHANGED = "the registration was changed or cancelled meanwhile";

    private final DynamoDbRequests dynamo;
    private final String table;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the clients table ({@value ClientsTable#NAME_VARIABLE})
     */
    public DynamoUdapClientStore(DynamoDbRequests dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
    }

    @Override
    public Optional<ClientRecord> findByIssuer(String community, String issuer) {
        Optional<ClientId> clientId = get(UdapMappingItem.key(community, issuer)).map(DynamoUdapClientStore::mappedId);
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClientRecord> record = get(ClientItem.key(clientId.get())).filter(ClientItem::isClient)
                .map(DynamoClientStore::read);
        if (record.isPresent() && !boundTo(record.get(), community, issuer)) {
            throw new StoreUnavailable("the clients table maps a UDAP issuer to a client bound elsewhere", null);
        }
        return record.filter(r -> r.status().visible());
    }

    /** The certificate index's keys, page by page, then each record read consistently (its version current). */
    @Override
    public List<ClientRecord> boundTo(String thumbprint) {
        List<ClientRecord> bound = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page;
            try {
                page = dynamo.query(r -> r.tableName(table).indexName(ClientsTable.CERTIFICATE_INDEX)
                        .exclusiveStartKey(from).keyConditionExpression("#thumbprint = :thumbprint")
                        .expressionAttributeNames(Map.of("#thumbprint", ClientsTable.CERTIFICATE_THUMBPRINT))
                        .expressionAttributeValues(Map.of(":thumbprint", textValue(thumbprint))));
            } catch (SdkException e) {
                throw DynamoClientStore.unavailable("Query", e);
            }
            for (Map<String, AttributeValue> keys : page.items()) {
                get(Map.of(ClientsTable.KEY, keys.get(ClientsTable.KEY))).filter(ClientItem::isClient)
                        .map(DynamoClientStore::read)
                        .filter(r -> r.credentials().certificate() != null
                                && r.credentials().certificate().thumbprint().equals(thumbprint))
                        .ifPresent(bound::add);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return bound;
    }

    /** @throws IllegalArgumentException when the record has no certificate binding */
    @Override
    public void register(ClientRecord record) {
        CertificateBinding binding = binding(record);
        TransactWriteItem mapping = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(UdapMappingItem.write(binding, record.clientId()))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(KEY_NAME)).build();
        TransactWriteItem client = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(ClientItem.write(record))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(KEY_NAME)).build();
        List<Boolean> lost = transact(List.of(mapping, client));
        if (!lost.isEmpty()) {
            throw new WriteConflict(lost.get(0) ? "the issuer is registered in this trust community already"
                    : "a client with this id exists already");
        }
    }

    /**
     * @throws IllegalArgumentException when the record has no certificate binding, or its community or issuer differ
     *                                  from the stored record's
     */
    @Override
    public void replace(ClientRecord replacement) {
        CertificateBinding binding = binding(replacement);
        TransactWriteItem mapped = TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(UdapMappingItem.key(binding))
                .conditionExpression("#clientId = :clientId").expressionAttributeNames(CLIENT_ID_NAME)
                .expressionAttributeValues(Map.of(":clientId", textValue(replacement.clientId().value())))).build();
        TransactWriteItem client = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(ClientItem.write(replacement))
                .conditionExpression("attribute_exists(#pk) AND #version = :expected")
                .expressionAttributeNames(KEY_AND_VERSION)
                .expressionAttributeValues(Map.of(":expected", numberValue(replacement.version() - 1)))).build();
        if (!transact(List.of(mapped, client)).isEmpty()) {
            throw refusal(replacement);
        }
    }

    /**
     * @throws IllegalArgumentException when the record has no certificate binding, or its community or issuer differ
     *                                  from the stored record's
     */
    @Override
    public void cancel(ClientRecord record) {
        CertificateBinding binding = binding(record);
        TransactWriteItem client = TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(ClientItem.key(record.clientId()))
                .conditionExpression("#version = :expected").expressionAttributeNames(VERSION_NAME)
                .expressionAttributeValues(Map.of(":expected", numberValue(record.version())))).build();
        TransactWriteItem mapping = TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(UdapMappingItem.key(binding))
                .conditionExpression("#clientId = :clientId").expressionAttributeNames(CLIENT_ID_NAME)
                .expressionAttributeValues(Map.of(":clientId", textValue(record.clientId().value())))).build();
        if (!transact(List.of(client, mapping)).isEmpty()) {
            throw refusal(record);
        }
    }

    /**
     * Writes the items in one transaction. Returns nothing when it was written; when another writer got there first,
     * whether each item's condition was what stopped it, in order.
     */
    private List<Boolean> transact(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return List.of();
        } catch (TransactionCanceledException e) {
            List<Boolean> lost = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(DynamoUdapClientStore::lostRace).toList() : List.of();
            if (!lost.contains(true)) {
                throw new StoreUnavailable("the clients table cancelled TransactWriteItems", e);
            }
            return lost;
        } catch (SdkException e) {
            throw DynamoClientStore.unavailable("TransactWriteItems", e);
        }
    }

    /**
     * Why a replacement or cancellation was refused: a record bound to another community or issuer than the stored
     * one is the caller's error; otherwise the registration changed, or was cancelled, meanwhile.
     */
    private RuntimeException refusal(ClientRecord record) {
        Optional<ClientRecord> stored = get(ClientItem.key(record.clientId())).filter(ClientItem::isClient)
                .map(DynamoClientStore::read);
        CertificateBinding binding = record.credentials().certificate();
        if (stored.isPresent() && !boundTo(stored.get(), binding.community(), binding.issuer())) {
            return new IllegalArgumentException("a UDAP registration keeps its trust community and issuer");
        }
        return new WriteConflict(CHANGED);
    }

    // An item that did not stop the transaction has the code "None" (or, from some emulators, none at all).
    private static boolean lostRace(CancellationReason reason) {
        return reason.code() != null && LOST_RACE.contains(reason.code());
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true));
        } catch (SdkException e) {
            throw DynamoClientStore.unavailable("GetItem", e);
        }
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static CertificateBinding binding(ClientRecord record) {
        CertificateBinding binding = record.credentials().certificate();
        if (binding == null) {
            throw new IllegalArgumentException("a UDAP registration needs a certificate binding");
        }
        return binding;
    }

    private static boolean boundTo(ClientRecord record, String community, String issuer) {
        CertificateBinding binding = record.credentials().certificate();
        return binding != null && binding.community().equals(community) && binding.issuer().equals(issuer);
    }

    private static ClientId mappedId(Map<String, AttributeValue> mapping) {
        try {
            return UdapMappingItem.clientId(mapping);
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailable("the clients table holds a malformed UDAP mapping", e);
        }
    }

}
