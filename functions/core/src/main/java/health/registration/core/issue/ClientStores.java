package health.registration.core.issue;

import health.registration.core.port.ClientStore;
import health.registration.core.port.SecretStore;
import java.util.Objects;

/** The two stores a client lives in: its record, and its secret. */
public record ClientStores(ClientStore clients, SecretStore secrets) {

    public ClientStores {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(secrets);
    }
}
