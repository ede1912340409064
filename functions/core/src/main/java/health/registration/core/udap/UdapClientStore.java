package health.registration.core.udap;

import health.registration.core.port.WriteConflict;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.issue.ClientRecord;
import java.util.List;
import java.util.Optional;

/**
 * Port: UDAP registrations, one per (trust community, {@code iss}) (IG STU2 §3.4): the client record and an item that
 * maps the pair to its client id, written and removed together in one transaction so two concurrent first
 * registrations cannot both succeed. Records must carry a certificate binding. Throws {@link StoreUnavailable} when
 * the store cannot answer.
 */
public interface UdapClientStore {

    /** The active registration of an issuer in a community. */
    Optional<ClientRecord> findByIssuer(String community, String issuer);

    /**
     * The registrations, of any status, bound to the certificate with this thumbprint
     * ({@link health.registration.core.issue.CertificateBinding#thumbprint()}), through an index (never a scan).
     * Each record is read again consistently, so its version is current.
     */
    List<ClientRecord> boundTo(String thumbprint);

    /** Writes a new registration. @throws WriteConflict when the community and issuer are registered already */
    void register(ClientRecord record);

    /** Replaces a registration with its next version. @throws WriteConflict unless the stored version is one less */
    void replace(ClientRecord replacement);

    /** Removes a registration and its mapping. @throws WriteConflict unless the stored version is the record's */
    void cancel(ClientRecord record);
}
