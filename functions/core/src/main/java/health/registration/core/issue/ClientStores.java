package health.registration.core.issue;

import java.util.Objects;

/**
 * The two stores a client lives in, its record and its secret, and where its lifecycle events are published.
 *
 * @param events null when this function does not publish: events then stay on the record until the client's next
 *               re-verification publishes them
 */
public record ClientStores(ClientStore clients, SecretStore secrets, ClientEvents events) {

    public ClientStores {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(secrets);
    }

    /** Stores of a function that publishes no events. */
    public ClientStores(ClientStore clients, SecretStore secrets) {
        this(clients, secrets, null);
    }

    public EventOutbox outbox() {
        return new EventOutbox(clients, events);
    }
}
