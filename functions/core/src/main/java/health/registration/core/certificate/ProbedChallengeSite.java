package health.registration.core.certificate;

import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.GuardedFetch;
import health.registration.core.probe.ProbeNetwork;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ChallengeSite} of the deployed service: one GET through the prober's network ({@link GuardedFetch}),
 * https only, no redirects, status 200 and the whole body within {@link #MAX_BYTES}, read as UTF-8.
 */
public final class ProbedChallengeSite implements ChallengeSite {

    /** A token is 43 characters; anything much longer is not an answer. */
    public static final int MAX_BYTES = 1024;

    private final ProbeNetwork network;

    public ProbedChallengeSite(ProbeNetwork network) {
        this.network = Objects.requireNonNull(network);
    }

    @Override
    public Optional<String> body(String url) {
        return GuardedFetch.get(network, url, FetchPurpose.CHALLENGE, MAX_BYTES, true)
                .filter(page -> page.status() == 200 && !page.truncated() && page.body() != null)
                .map(page -> new String(page.body(), StandardCharsets.UTF_8));
    }
}
