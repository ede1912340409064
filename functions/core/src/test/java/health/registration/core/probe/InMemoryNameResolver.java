package health.registration.core.probe;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A resolver answering from a map of names; never touches DNS. Records every lookup. */
final class InMemoryNameResolver implements NameResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    private final Map<String, ProbeFailure> failures = new ConcurrentHashMap<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();

    InMemoryNameResolver answer(String host, String... addresses) {
        List<InetAddress> parsed = new ArrayList<>();
        for (String a : addresses) {
            parsed.add(InetAddresses.forString(a));
        }
        names.put(host, parsed);
        return this;
    }

    InMemoryNameResolver fail(String host, ProbeOutcome outcome) {
        failures.put(host, new ProbeFailure(outcome, "lookup failed"));
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws ProbeFailure {
        lookups.add(host);
        if (failures.containsKey(host)) {
            throw failures.get(host);
        }
        List<InetAddress> found = names.get(host);
        if (found == null) {
            throw new ProbeFailure(ProbeOutcome.DNS_ERROR, "does not resolve");
        }
        return found;
    }
}
