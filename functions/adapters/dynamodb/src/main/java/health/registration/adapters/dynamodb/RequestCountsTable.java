package health.registration.adapters.dynamodb;

/**
 * The request counts table as {@code infrastructure/template.yaml} declares it ({@code RequestCountsTable}): one item
 * per (scope, source, hour) counter, forgotten by its time-to-live. A table of its own so that the public probe
 * function, which fetches URLs anyone names, may write counters and nothing else. {@code RequestCountsTableTest}
 * checks these names against the template.
 */
public final class RequestCountsTable {

    /** The environment variable holding the table's name ({@code REQUEST_COUNTS_TABLE: !Ref RequestCountsTable}). */
    public static final String NAME_VARIABLE = "REQUEST_COUNTS_TABLE";

    /** The partition key (type S), the counter's name; the table has no sort key. */
    public static final String KEY = "pk";

    /** The count (type N). */
    public static final String COUNT = "requests";

    /** The time-to-live attribute: epoch seconds of the end of the counter's window. */
    public static final String EXPIRES_AT = "expiresAt";

    private RequestCountsTable() {}
}
