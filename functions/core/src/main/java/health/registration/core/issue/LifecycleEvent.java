package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change of a client that its contacts, the operator or an authorization server should hear of, published to
 * EventBridge (source {@link #SOURCE}, detail type {@link Type#detailType()}): a registration, an update, a rebinding
 * to a new certificate, a deletion, a failed URL check, a suspension, a reinstatement. Kept on the client record
 * until published (an outbox), written in the same conditional write as the change, so a crash between the write
 * and the publication loses nothing; its id lets consumers drop the repeat that a retried publication may cause, and
 * the version of its {@link ClientChange} lets them drop an older state that arrives after a newer one
 * (docs/operations/authorization-server.md, "Change events").
 *
 * @param id                  unique per event: {@code <client_id>:<version>} for the URL-check events (at most one
 *                            per write), {@code <client_id>:<version>:<kind>} for the others
 * @param type                what happened
 * @param clientId            the client
 * @param clientName          its {@code client_name}, or null
 * @param contacts            its {@code contacts}, so that a rule can mail them
 * @param at                  when
 * @param previousStatus      the status before
 * @param status              the status after
 * @param consecutiveFailures failed checks in a row, after this one
 * @param firstFailedAt       when the failures in a row began, or null
 * @param suspendsAt          the earliest time further failures suspend the client, or null when not failing or
 *                            already suspended
 * @param problems            why the check failed (empty for a reinstatement)
 * @param change              the client after the change, as an authorization server needs it; null only in events
 *                            written before change events existed
 */
public record LifecycleEvent(String id, Type type, ClientId clientId, String clientName, List<String> contacts,
                             Instant at, ClientStatus previousStatus, ClientStatus status, int consecutiveFailures,
                             Instant firstFailedAt, Instant suspendsAt, List<CheckProblem> problems,
                             ClientChange change) {

    public static final String SOURCE = "health.registration";

    /** The kinds of event, by EventBridge detail type. */
    public enum Type {
        URL_CHECK_FAILED("ClientUrlCheckFailed"),
        SUSPENDED("ClientSuspended"),
        REINSTATED("ClientReinstated"),
        /** A client became usable: open, manual or UDAP registration. */
        REGISTERED("ClientRegistered", "registered"),
        /** Its metadata passed the review again: RFC 7592 update, operator update, UDAP modification. */
        UPDATED("ClientUpdated", "updated"),
        /** A UDAP modification under another certificate than the one the client was bound to (UDAP DCR §5.1). */
        CERTIFICATE_REBOUND("ClientCertificateRebound", "certificate_rebound"),
        /** It is gone: RFC 7592 delete, operator delete, UDAP cancellation, or the cleanup finishing one of them. */
        DELETED("ClientDeleted", "deleted");

        private final String detailType;
        /** What the id adds to the client id and version, for kinds that may share a write with another event. */
        private final String idSuffix;

        Type(String detailType) {
            this(detailType, null);
        }

        Type(String detailType, String idSuffix) {
            this.detailType = detailType;
            this.idSuffix = idSuffix;
        }

        public String detailType() {
            return detailType;
        }

        /** The event id of this kind for a client at a version. */
        public String id(ClientId clientId, long version) {
            return clientId.value() + ":" + version + (idSuffix == null ? "" : ":" + idSuffix);
        }

        public static Type ofDetailType(String detailType) {
            for (Type type : values()) {
                if (type.detailType.equals(detailType)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown event type");
        }
    }

    /**
     * The event of a change to a client: its id is the client id and the version the change writes.
     *
     * @param client the client before the change
     * @param to     its status after
     * @param after  its checks after
     */
    public static LifecycleEvent of(Type type, ClientRecord client, ClientStatus to, UrlChecks after, Instant suspendsAt,
                                    Instant now) {
        ClientMetadata metadata = client.metadata();
        ClientRecord changed = client.next(to, metadata, client.credentials(), after, now);
        return new LifecycleEvent(type.id(client.clientId(), changed.version()), type, client.clientId(),
                metadata.text(MetadataMember.CLIENT_NAME).orElse(null),
                metadata.valuesOrDefault(MetadataMember.CONTACTS, List.of()), now, client.status(), to,
                after.consecutiveFailures(), after.firstFailedAt(), suspendsAt, after.problems(),
                ClientChange.of(changed));
    }

    /**
     * The event of a change already made: the record as the change writes it (its version, status, metadata).
     *
     * @param previousStatus the status before the change
     * @param changed        the record after the change
     */
    public static LifecycleEvent changed(Type type, ClientStatus previousStatus, ClientRecord changed) {
        ClientMetadata metadata = changed.metadata();
        UrlChecks checks = changed.checks();
        return new LifecycleEvent(type.id(changed.clientId(), changed.version()), type, changed.clientId(),
                metadata.text(MetadataMember.CLIENT_NAME).orElse(null),
                metadata.valuesOrDefault(MetadataMember.CONTACTS, List.of()), changed.updatedAt(), previousStatus,
                changed.status(), checks.consecutiveFailures(), checks.firstFailedAt(), null, checks.problems(),
                ClientChange.of(changed));
    }

    /** An event without a client change, as written before change events existed. */
    public LifecycleEvent(String id, Type type, ClientId clientId, String clientName, List<String> contacts,
                          Instant at, ClientStatus previousStatus, ClientStatus status, int consecutiveFailures,
                          Instant firstFailedAt, Instant suspendsAt, List<CheckProblem> problems) {
        this(id, type, clientId, clientName, contacts, at, previousStatus, status, consecutiveFailures, firstFailedAt,
                suspendsAt, problems, null);
    }

    public LifecycleEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(clientId);
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(at);
        Objects.requireNonNull(previousStatus);
        Objects.requireNonNull(status);
        problems = List.copyOf(problems);
    }
}
