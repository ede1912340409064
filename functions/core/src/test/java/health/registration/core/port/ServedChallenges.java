package health.registration.core.port;

import health.registration.core.certificate.ChallengeSite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ChallengeSite} answering from a map of URLs to bodies; never touches the network. Records each URL asked. */
public final class ServedChallenges implements ChallengeSite {

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ServedChallenges serve(String url, String body) {
        bodies.put(url, body);
        return this;
    }

    /** The URL no longer answers 200. */
    public ServedChallenges withdraw(String url) {
        bodies.remove(url);
        return this;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public Optional<String> body(String url) {
        requests.add(url);
        return Optional.ofNullable(bodies.get(url));
    }
}
