package health.registration.adapters.dynamodb;

/**
 * The certificates table as {@code infrastructure/template.yaml} declares it ({@code CertificatesTable}): one
 * partition per issuing CA ({@code CA#<name>}) holding its certificates ({@code CERT#<serial>}), one entry per
 * revocation ({@code REVOKED#<serial>}, what the next CRL lists, read with one Query) and its current CRL
 * ({@code CRL}); and, each in a partition of its own, ownership challenges ({@code CHALLENGE#<token hash>}), removed by
 * the table's time to live. The {@code sanUri} index lists the certificates naming a client URI without a scan; only
 * certificate items carry {@code sanUri}, so it holds nothing else. {@code CertificatesTableTest} checks these names
 * against the template.
 */
public final class CertificatesTable {

    /** The environment variable holding the table's name ({@code CERTIFICATES_TABLE: !Ref CertificatesTable}). */
    public static final String NAME_VARIABLE = "CERTIFICATES_TABLE";

    /** The partition key (type S): {@code CA#<name>}. */
    public static final String KEY = "pk";

    /** The sort key (type S): {@code CERT#<serial>}, {@code REVOKED#<serial>} or {@code CRL}. */
    public static final String SORT_KEY = "sk";

    /** The index of certificates by client URI (partition key {@code sanUri}, type S, projection ALL). */
    public static final String SAN_URI_INDEX = "sanUri";

    /** The index's partition key: a certificate's Subject Alternative Name URI. */
    public static final String SAN_URI = "sanUri";

    /** The time-to-live attribute ({@code TimeToLiveSpecification}): epoch seconds, only on challenges. */
    public static final String EXPIRES_AT = "expiresAt";

    static final String CA_PREFIX = "CA#";
    static final String CHALLENGE_PREFIX = "CHALLENGE#";
    static final String CHALLENGE = "CHALLENGE";
    static final String CERTIFICATE_PREFIX = "CERT#";
    static final String REVOKED_PREFIX = "REVOKED#";
    static final String CRL = "CRL";

    private CertificatesTable() {}
}
