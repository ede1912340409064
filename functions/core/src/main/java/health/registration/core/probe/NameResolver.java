package health.registration.core.probe;

import java.net.InetAddress;
import java.util.List;

/**
 * Port: the addresses a DNS name resolves to, A and AAAA alike, within the resolution time limit. Implementations
 * never return an empty list, and never resolve IP literals (the URL rules refuse those before probing).
 */
public interface NameResolver {

    /**
     * @throws ProbeFailure with {@link ProbeOutcome#DNS_ERROR} when the name does not resolve, or
     *                      {@link ProbeOutcome#TIMEOUT} when resolution takes too long
     */
    List<InetAddress> resolve(String host) throws ProbeFailure;
}
