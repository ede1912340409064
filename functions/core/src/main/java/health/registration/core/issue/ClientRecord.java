package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered client as stored: its metadata, status, credentials, URL checks and optimistic-locking version.
 *
 * @param clientId    the identifier
 * @param status      where it is in its life; only visible statuses are readable or usable
 * @param metadata    the registered metadata, defaults applied, unknown members kept
 * @param credentials where its secret lives and its token hash
 * @param checks      its URL checks
 * @param createdAt   when the record was first written
 * @param updatedAt   when it last changed
 * @param version     incremented by every write; writes are conditional on the version read
 */
public record ClientRecord(ClientId clientId, ClientStatus status, ClientMetadata metadata, Credentials credentials,
                           UrlChecks checks, Instant createdAt, Instant updatedAt, long version) {

    public ClientRecord {
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(metadata);
        Objects.requireNonNull(credentials);
        Objects.requireNonNull(checks);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
    }

    /** The next version of this record, changed at the given time. */
    public ClientRecord next(ClientStatus newStatus, ClientMetadata newMetadata, Credentials newCredentials,
                             UrlChecks newChecks, Instant now) {
        return new ClientRecord(clientId, newStatus, newMetadata, newCredentials, newChecks, createdAt, now, version + 1);
    }

    public ClientRecord withStatus(ClientStatus newStatus, Instant now) {
        return next(newStatus, metadata, credentials, checks, now);
    }
}
