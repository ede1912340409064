package health.registration.core.udap;

import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.EventOutbox;
import java.util.Objects;

/**
 * Where UDAP registrations live: the registrations by (community, iss), and the jti values seen; and where their
 * change events are published.
 *
 * @param events null when this function does not publish: events then stay on the record until the client's next
 *               re-verification publishes them
 */
public record UdapStores(UdapClientStore clients, JtiStore jtis, ClientEvents events) {

    public UdapStores {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(jtis);
    }

    /** Stores of a function that publishes no events. */
    public UdapStores(UdapClientStore clients, JtiStore jtis) {
        this(clients, jtis, null);
    }

    public EventOutbox outbox() {
        return new EventOutbox(clients::replace, events);
    }
}
