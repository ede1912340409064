package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change in a client's URL checks that its contacts and the operator should hear of, published to EventBridge
 * (source {@link #SOURCE}, detail type {@link Type#detailType()}). Kept on the client record until published (an
 * outbox), so a crash between the write and the publication loses nothing; its id lets consumers drop the repeat
 * that a retried publication may cause.
 *
 * @param id                  unique per client and record version: {@code <client_id>:<version>}
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
 */
public record LifecycleEvent(String id, Type type, ClientId clientId, String clientName, List<String> contacts,
                             Instant at, ClientStatus previousStatus, ClientStatus status, int consecutiveFailures,
                             Instant firstFailedAt, Instant suspendsAt, List<CheckProblem> problems) {

    public static final String SOURCE = "health.registration";

    /** The kinds of event, by EventBridge detail type. */
    public enum Type {
        URL_CHECK_FAILED("ClientUrlCheckFailed"),
        SUSPENDED("ClientSuspended"),
        REINSTATED("ClientReinstated");

        private final String detailType;

        Type(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
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
        return new LifecycleEvent(client.clientId().value() + ":" + (client.version() + 1), type, client.clientId(),
                metadata.text(MetadataMember.CLIENT_NAME).orElse(null),
                metadata.valuesOrDefault(MetadataMember.CONTACTS, List.of()), now, client.status(), to,
                after.consecutiveFailures(), after.firstFailedAt(), suspendsAt, after.problems());
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
