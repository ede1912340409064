package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.certificate.CertificateStore;
import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevokedCertificate;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link CertificateStore} on the certificates table ({@link CertificatesTable}). A certificate is put only where no
 * item is; a revocation updates the certificate (only while it is not revoked) and puts its revocation entry in one
 * TransactWriteItems; a CRL replaces only a lower-numbered one. Reads are strongly consistent. A failed condition is
 * a {@link WriteConflict}; every other SDK failure a {@link StoreUnavailable} whose message holds no item contents.
 */
public final class DynamoCertificateStore implements CertificateStore {

    /** Cancellation reasons that mean the certificate is missing or another revoker got there first. */
    private static final Set<String> LOST_RACE = Set.of("ConditionalCheckFailed", "TransactionConflict");
    private static final Map<String, String> KEY_NAME = Map.of("#pk", CertificatesTable.KEY);
    /** Certificates read for one client URI at most: renewals over many years, far more than any app needs. */
    static final int MAX_BY_SAN = 1000;

    private final DynamoDbRequests dynamo;
    private final String table;

    /**
     * @param dynamo    from {@code DynamoDbRequests.shared()}
     * @param tableName the certificates table ({@value CertificatesTable#NAME_VARIABLE})
     */
    public DynamoCertificateStore(DynamoDbRequests dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(tableName);
    }

    @Override
    public void record(IssuedCertificate certificate) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(CertificateItem.write(certificate))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(KEY_NAME));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict("serial " + certificate.serial() + " is taken");
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    @Override
    public Optional<IssuedCertificate> find(String caName, String serial) {
        return get(CertificateItem.certificateKey(caName, serial)).map(item -> read(() -> CertificateItem.read(caName, item)));
    }

    /** The sanUri index, page by page; a client URI has few certificates, so this stops after {@link #MAX_BY_SAN}. */
    @Override
    public List<IssuedCertificate> bySanUri(String sanUri) {
        List<IssuedCertificate> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page;
            try {
                page = dynamo.query(r -> r.tableName(table).indexName(CertificatesTable.SAN_URI_INDEX)
                        .exclusiveStartKey(from).keyConditionExpression("#san = :san")
                        .expressionAttributeNames(Map.of("#san", CertificatesTable.SAN_URI))
                        .expressionAttributeValues(Map.of(":san", textValue(sanUri))));
            } catch (SdkException e) {
                throw unavailable("Query", e);
            }
            page.items().forEach(item -> found.add(read(() -> CertificateItem.read(CertificateItem.caName(item), item))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < MAX_BY_SAN);
        return found;
    }

    @Override
    public IssuedCertificate revoke(String caName, String serial, IssuedCertificate.Revocation revocation) {
        Map<String, AttributeValue> values = new HashMap<>();
        CertificateItem.revocation(revocation).forEach((name, value) -> values.put(":" + name, value));
        TransactWriteItem certificate = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(CertificateItem.certificateKey(caName, serial))
                .updateExpression("SET #revokedAt = :revokedAt, #reason = :revocationReason, #by = :revokedBy")
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#revokedAt)")
                .expressionAttributeNames(Map.of("#pk", CertificatesTable.KEY, "#revokedAt", CertificateItem.REVOKED_AT,
                        "#reason", CertificateItem.REASON, "#by", CertificateItem.REVOKED_BY))
                .expressionAttributeValues(values)).build();
        RevokedCertificate entry = new RevokedCertificate(serial, revocation.at(), revocation.reason());
        TransactWriteItem listed = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(CertificateItem.writeRevoked(caName, entry))).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(certificate, listed));
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .anyMatch(reason -> LOST_RACE.contains(String.valueOf(reason.code())))) {
                throw new WriteConflict("certificate " + serial + " is missing, already revoked or being revoked");
            }
            throw new StoreUnavailable("the certificates table cancelled TransactWriteItems", e);
        } catch (SdkException e) {
            throw unavailable("TransactWriteItems", e);
        }
        return find(caName, serial).orElseThrow(() -> new StoreUnavailable("a revoked certificate is not readable", null));
    }

    @Override
    public List<RevokedCertificate> revoked(String caName) {
        List<RevokedCertificate> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = query(caName, start);
            page.items().forEach(item -> entries.add(read(() -> CertificateItem.readRevoked(item))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private QueryResponse query(String caName, Map<String, AttributeValue> start) {
        try {
            return dynamo.query(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(start)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", CertificatesTable.KEY, "#sk", CertificatesTable.SORT_KEY))
                    .expressionAttributeValues(Map.of(":pk", textValue(CertificatesTable.CA_PREFIX + caName),
                            ":prefix", textValue(CertificatesTable.REVOKED_PREFIX))));
        } catch (SdkException e) {
            throw unavailable("Query", e);
        }
    }

    @Override
    public void saveCrl(String caName, CrlDocument crl) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(CertificateItem.writeCrl(caName, crl))
                    .conditionExpression("attribute_not_exists(#pk) OR #number < :number")
                    .expressionAttributeNames(Map.of("#pk", CertificatesTable.KEY, "#number", CertificateItem.CRL_NUMBER))
                    .expressionAttributeValues(Map.of(":number", AttributeValue.fromN(crl.number().toString()))));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflict("CRL " + crl.number() + " is not above the stored one");
        } catch (SdkException e) {
            throw unavailable("PutItem", e);
        }
    }

    @Override
    public Optional<CrlDocument> currentCrl(String caName) {
        return get(CertificateItem.key(caName, CertificatesTable.CRL)).map(item -> read(() -> CertificateItem.readCrl(item)));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (SdkException e) {
            throw unavailable("GetItem", e);
        }
    }

    private static <T> T read(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailable("the certificates table holds a malformed item", e);
        }
    }

    private static StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("the certificates table did not answer " + operation, cause);
    }
}
