package health.registration.adapters.dynamodb;

/**
 * The clients table as {@code infrastructure/template.yaml} declares it ({@code ClientsTable}): the names the adapters
 * rely on. Client records ({@code CLIENT#}), Idempotency-Key entries ({@code IDEMPOTENCY#}), UDAP mappings
 * ({@code UDAP#}) and jti uses ({@code JTI#}) share the table, told apart by the prefix of their key; only client
 * records carry the index's attributes, so the index holds nothing else. {@code ClientsTableTest} checks these
 * names against the template.
 */
public final class ClientsTable {

    /** The environment variable holding the table's name ({@code CLIENTS_TABLE: !Ref ClientsTable}). */
    public static final String NAME_VARIABLE = "CLIENTS_TABLE";

    /** The partition key ({@code KeySchema}: {@code pk}, type S); the table has no sort key. */
    public static final String KEY = "pk";

    /** The index that selects due clients without a scan ({@code GlobalSecondaryIndexes}, projection ALL). */
    public static final String STATUS_INDEX = "status-nextCheckAt";

    /** The index's partition key (type S): {@code ClientStatus.code()}. */
    public static final String STATUS = "status";

    /** The index's sort key (type N): epoch milliseconds. */
    public static final String NEXT_CHECK_AT = "nextCheckAt";

    /**
     * The index that finds the UDAP clients bound to a certificate without a scan ({@code GlobalSecondaryIndexes},
     * projection KEYS_ONLY: each record is then read consistently). Only UDAP client records carry its key.
     */
    public static final String CERTIFICATE_INDEX = "certificateThumbprint";

    /** The certificate index's partition key (type S): {@code CertificateBinding.thumbprint()}. */
    public static final String CERTIFICATE_THUMBPRINT = "certificateThumbprint";

    /**
     * The sparse index of counted clients by registrable domain ({@code GlobalSecondaryIndexes}, keys only): only
     * records that count against the clients-per-domain limit carry its key.
     */
    public static final String DOMAIN_INDEX = "clientDomain";

    /** The domain index's partition key (type S): the registrable domain of the client's client_uri. */
    public static final String CLIENT_DOMAIN = "clientDomain";

    /** The time-to-live attribute ({@code TimeToLiveSpecification}): epoch seconds, as DynamoDB requires. */
    public static final String EXPIRES_AT = "expiresAt";

    private ClientsTable() {}
}
