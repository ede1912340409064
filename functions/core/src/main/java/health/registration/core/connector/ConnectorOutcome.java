package health.registration.core.connector;

/**
 * What applying one change event, or repairing one client in a reconcile, did at the authorization server. Never
 * carries a secret: every member is safe for a log line.
 */
public sealed interface ConnectorOutcome {

    String clientId();

    /** The server now holds the client's state at {@code version}: created or replaced, enabled or disabled. */
    record Written(String clientId, long version, boolean enabled) implements ConnectorOutcome {}

    /** The client is no longer at the server: removed now. */
    record Removed(String clientId, long version) implements ConnectorOutcome {}

    /**
     * Nothing done: the registry does not show the client and the server has none either (a deletion applied
     * already, or an older event of a deleted client arriving late).
     */
    record Absent(String clientId, long version) implements ConnectorOutcome {}

    /**
     * Nothing done: the server already holds this version or a newer one (a repeat, or an older state arriving late;
     * docs/operations/authorization-server.md, "Ordering and repeats").
     */
    record Stale(String clientId, long version, long heldVersion) implements ConnectorOutcome {}

    /**
     * Nothing done, and doing it again will not help until the client changes: the client authenticates in a way this connector cannot give the
     * server (a {@code jwks_uri} only, an unknown method, a certificate key of another type).
     */
    record Unsupported(String clientId, String reason) implements ConnectorOutcome {}

    /**
     * Nothing done, and worth retrying: the client's secret could not be read (the secret store has none yet, or
     * lost it). The caller keeps the event for a later attempt, as it does when the server is unavailable.
     */
    record SecretMissing(String clientId, long version) implements ConnectorOutcome {}
}
