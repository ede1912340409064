package health.registration.core.issue;

/**
 * Port: how many clients count against a registrable domain's limit ({@link ClientsPerDomain#countedDomain}), read
 * without a scan (in DynamoDB, a sparse index on the domain queried with Select COUNT). The count may lag a moment
 * behind writes that have just completed.
 */
public interface DomainClientCount {

    /**
     * @param registrableDomain e.g. {@code example.com}
     * @throws health.registration.core.port.StoreUnavailable when the store cannot be reached
     */
    long clientsOf(String registrableDomain);
}
