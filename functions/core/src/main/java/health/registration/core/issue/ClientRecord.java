package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.probe.ProbeReport;
import java.time.Instant;
import java.util.List;
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
 * @param path        how it was registered, which decides the policy it is held to
 */
public record ClientRecord(ClientId clientId, ClientStatus status, ClientMetadata metadata, Credentials credentials,
                           UrlChecks checks, Instant createdAt, Instant updatedAt, long version, RegistrationPath path) {

    public ClientRecord {
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(metadata);
        Objects.requireNonNull(credentials);
        Objects.requireNonNull(checks);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
        Objects.requireNonNull(path);
        if ((path == RegistrationPath.UDAP) != (credentials.certificate() != null)) {
            throw new IllegalArgumentException("a client has a certificate binding exactly when it registered through UDAP");
        }
    }

    /** A record of the open path, or of UDAP when the credentials are a certificate binding. */
    public ClientRecord(ClientId clientId, ClientStatus status, ClientMetadata metadata, Credentials credentials,
                        UrlChecks checks, Instant createdAt, Instant updatedAt, long version) {
        this(clientId, status, metadata, credentials, checks, createdAt, updatedAt, version,
                credentials.certificate() != null ? RegistrationPath.UDAP : RegistrationPath.OPEN);
    }

    /** The next version of this record, changed at the given time. */
    public ClientRecord next(ClientStatus newStatus, ClientMetadata newMetadata, Credentials newCredentials,
                             UrlChecks newChecks, Instant now) {
        return new ClientRecord(clientId, newStatus, newMetadata, newCredentials, newChecks, createdAt, now, version + 1, path);
    }

    /**
     * The next version after the metadata passed a whole review again (an RFC 7592 update, a UDAP modification):
     * every URL passes as of now, so the client is active, its failures are forgotten, and a warning or suspended
     * client's reinstatement is added to its history and to the events to publish.
     */
    public ClientRecord reviewed(ClientMetadata newMetadata, Credentials newCredentials, ProbeReport report,
                                 Instant now, Instant nextCheckAt) {
        UrlChecks after = checks.reviewed(now, report, nextCheckAt);
        CertificateBinding bound = credentials.certificate();
        boolean rebound = bound != null && newCredentials.certificate() != null
                && !bound.thumbprint().equals(newCredentials.certificate().thumbprint());
        LifecycleEvent.Type change = rebound ? LifecycleEvent.Type.CERTIFICATE_REBOUND : LifecycleEvent.Type.UPDATED;
        if (suspendedByOperator()) {
            return next(status, newMetadata, newCredentials, after, now).withEvent(change, status);
        }
        boolean reinstated = status != ClientStatus.ACTIVE && status.visible();
        if (reinstated) {
            after = after.withChange(new StatusChange(now, status, ClientStatus.ACTIVE, StatusChange.UPDATED));
        }
        ClientRecord updated = next(ClientStatus.ACTIVE, newMetadata, newCredentials, after, now);
        // Both events of a reinstating update carry the same version and the same state (the updated client).
        return reinstated ? updated.withEvent(LifecycleEvent.Type.REINSTATED, status).withEvent(change, status)
                : updated.withEvent(change, status);
    }

    /**
     * The same record (same version) with the event of the change that made it added to its outbox, so that the
     * event is written in the same conditional write as the change.
     *
     * @param previousStatus the status before the change
     */
    public ClientRecord withEvent(LifecycleEvent.Type type, ClientStatus previousStatus) {
        LifecycleEvent event = LifecycleEvent.changed(type, previousStatus, this);
        return new ClientRecord(clientId, status, metadata, credentials, checks.withEvents(List.of(event)), createdAt,
                updatedAt, version, path);
    }

    /**
     * True while an operator's suspension holds, made directly or by revoking the client's certificate: neither
     * passing checks, nor updates, nor a UDAP cancellation lift it, only an operator.
     */
    public boolean suspendedByOperator() {
        List<StatusChange> history = checks.history();
        if (status != ClientStatus.SUSPENDED || history.isEmpty()) {
            return false;
        }
        String reason = history.get(history.size() - 1).reason();
        return reason.equals(StatusChange.SUSPENDED_BY_OPERATOR) || reason.equals(StatusChange.CERTIFICATE_REVOKED);
    }

    public ClientRecord withStatus(ClientStatus newStatus, Instant now) {
        return next(newStatus, metadata, credentials, checks, now);
    }
}
