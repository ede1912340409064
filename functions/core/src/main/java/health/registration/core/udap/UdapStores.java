package health.registration.core.udap;

import java.util.Objects;

/** Where UDAP registrations live: the registrations by (community, iss), and the jti values seen. */
public record UdapStores(UdapClientStore clients, JtiStore jtis) {

    public UdapStores {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(jtis);
    }
}
