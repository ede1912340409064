package health.registration.core.port;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the client records (DynamoDB table {@code CLIENTS_TABLE}). Every write is conditional; every read is
 * strongly consistent. All methods throw {@link StoreUnavailable} when the store cannot answer.
 */
public interface ClientStore {

    /** Writes a new record. @throws WriteConflict when a record with its client id exists */
    void create(ClientRecord record);

    Optional<ClientRecord> find(ClientId clientId);

    /**
     * Replaces a record with its next version. @throws WriteConflict unless the stored version is
     * {@code replacement.version() - 1}
     */
    void replace(ClientRecord replacement);

    /** Removes a record. @throws WriteConflict unless the stored version is {@code expectedVersion} */
    void delete(ClientId clientId, long expectedVersion);

    /**
     * Records with the status whose {@code nextCheckAt} is at or before {@code dueBy}, earliest first, at most
     * {@code limit}, through the status index (never a scan).
     */
    List<ClientRecord> due(ClientStatus status, Instant dueBy, int limit);
}
