package health.registration.core.operator;

import java.util.Objects;

/**
 * The operator's client API, built together: the client service, suspensions (which share its lookups and audit)
 * and the listing.
 */
public record OperatorServices(OperatorClients clients, OperatorSuspensions suspensions, ClientListing listing) {

    public OperatorServices {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(suspensions);
        Objects.requireNonNull(listing);
    }
}
