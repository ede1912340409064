package health.registration.core.probe;

import java.util.Objects;

/**
 * The prober's way out: name resolution, the fetcher, and the address policy both of them obey.
 *
 * @param resolver      resolves host names
 * @param fetcher       makes the GET, pinned to checked addresses
 * @param addressPolicy which addresses may be connected to
 */
public record ProbeNetwork(NameResolver resolver, PageFetcher fetcher, AddressPolicy addressPolicy) {

    public ProbeNetwork {
        Objects.requireNonNull(resolver);
        Objects.requireNonNull(fetcher);
        Objects.requireNonNull(addressPolicy);
    }
}
