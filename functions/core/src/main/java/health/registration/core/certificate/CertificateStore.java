package health.registration.core.certificate;

import health.registration.core.port.WriteConflict;
import health.registration.core.port.StoreUnavailable;
import java.util.List;
import java.util.Optional;

/**
 * Port: the certificates an issuing authority issued, its revocations and its current CRL (docs/api/certificates.md,
 * "Data"). Keyed by authority name and serial. Every write is conditional, so that concurrent
 * issuers, revokers and CRL refreshers never overwrite each other; reads are strongly consistent. Throws
 * {@link StoreUnavailable} when the store cannot answer.
 */
public interface CertificateStore {

    /**
     * Records a newly issued certificate.
     *
     * @throws WriteConflict when the authority already has a certificate with this serial (the caller draws another)
     */
    void record(IssuedCertificate certificate);

    Optional<IssuedCertificate> find(String caName, String serial);

    /**
     * Every certificate, of any authority, naming this client URI, through an index (never a scan): whose developer
     * owns the URI now. The index is eventually consistent, so a certificate recorded a moment ago may be missing.
     */
    List<IssuedCertificate> bySanUri(String sanUri);

    /**
     * Marks a certificate revoked and, in the same atomic write (a DynamoDB transaction), adds it to what
     * {@link #revoked} answers.
     *
     * @return the certificate as now recorded
     * @throws WriteConflict when there is no such certificate or it is already revoked
     */
    IssuedCertificate revoke(String caName, String serial, IssuedCertificate.Revocation revocation);

    /** Every revoked certificate of the authority: the entries its next CRL lists. */
    List<RevokedCertificate> revoked(String caName);

    /**
     * Replaces the authority's current CRL.
     *
     * @throws WriteConflict unless no CRL is stored or the stored one's number is lower than this one's, so that the
     *                       published CRL number only grows (RFC 5280 §5.2.3) and a refresher that read the
     *                       revocations before a concurrent revocation cannot overwrite the CRL listing it
     */
    void saveCrl(String caName, CrlDocument crl);

    Optional<CrlDocument> currentCrl(String caName);
}
