package health.registration.adapters.dynamodb;

/**
 * The certificates table as {@code infrastructure/template.yaml} declares it ({@code CertificatesTable}): one
 * partition per issuing CA ({@code CA#<name>}) holding its certificates ({@code CERT#<serial>}), one entry per
 * revocation ({@code REVOKED#<serial>}, what the next CRL lists, read with one Query) and its current CRL
 * ({@code CRL}).
 */
public final class CertificatesTable {

    /** The environment variable holding the table's name ({@code CERTIFICATES_TABLE: !Ref CertificatesTable}). */
    public static final String NAME_VARIABLE = "CERTIFICATES_TABLE";

    /** The partition key (type S): {@code CA#<name>}. */
    public static final String KEY = "pk";

    /** The sort key (type S): {@code CERT#<serial>}, {@code REVOKED#<serial>} or {@code CRL}. */
    public static final String SORT_KEY = "sk";

    static final String CA_PREFIX = "CA#";
    static final String CERTIFICATE_PREFIX = "CERT#";
    static final String REVOKED_PREFIX = "REVOKED#";
    static final String CRL = "CRL";

    private CertificatesTable() {}
}
