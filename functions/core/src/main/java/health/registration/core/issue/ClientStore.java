package health.registration.core.issue;

import health.registration.core.port.WriteConflict;
import health.registration.core.port.StoreUnavailable;
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

    /**
     * One page of the records {@link #due} selects, from where the cursor points (null: the first page). Records
     * written after the page was read may move out of the range, never back before the cursor, so a caller that
     * pages while it updates what it read neither skips nor repeats a record.
     */
    DuePage duePage(ClientStatus status, Instant dueBy, int limit, String cursor);

    /**
     * A page of due records.
     *
     * @param records the records, earliest due first
     * @param cursor  where the next page starts, or null after the last page; opaque
     */
    record DuePage(List<ClientRecord> records, String cursor) {

        public DuePage {
            records = List.copyOf(records);
        }
    }
}
