package health.registration.core.port;

import health.registration.core.certificate.ChallengeStore;
import health.registration.core.certificate.OwnershipChallenge;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Ownership challenges in memory, with the table's conditions: a hash is saved once, a challenge used once. */
public final class InMemoryChallengeStore implements ChallengeStore {

    private final Map<String, OwnershipChallenge> challenges = new HashMap<>();

    @Override
    public synchronized void save(OwnershipChallenge challenge) {
        if (challenges.putIfAbsent(challenge.tokenHash(), challenge) != null) {
            throw new WriteConflict("a challenge with this hash exists");
        }
    }

    @Override
    public synchronized Optional<OwnershipChallenge> find(String tokenHash) {
        return Optional.ofNullable(challenges.get(tokenHash));
    }

    @Override
    public synchronized void use(String tokenHash, Instant at) {
        OwnershipChallenge stored = challenges.get(tokenHash);
        if (stored == null || stored.used().isPresent()) {
            throw new WriteConflict("the challenge is missing or used");
        }
        challenges.put(tokenHash, stored.use(at));
    }
}
