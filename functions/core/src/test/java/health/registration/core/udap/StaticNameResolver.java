package health.registration.core.udap;

import com.google.common.net.InetAddresses;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A resolver answering from a map of names; never touches DNS. Records every lookup. */
final class StaticNameResolver implements NameResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();

    StaticNameResolver answer(String host, String... addresses) {
        names.put(host, Arrays.stream(addresses).map(InetAddresses::forString).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws ProbeFailure {
        lookups.add(host);
        List<InetAddress> found = names.get(host);
        if (found == null) {
            throw new ProbeFailure(ProbeOutcome.DNS_ERROR, "does not resolve");
        }
        return found;
    }
}
