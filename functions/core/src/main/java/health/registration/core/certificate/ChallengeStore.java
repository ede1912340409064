package health.registration.core.certificate;

import health.registration.core.port.WriteConflict;
import health.registration.core.port.StoreUnavailable;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: the ownership challenges of developer certificates, keyed by the token's hash, each removed by the store's
 * time to live some time after it expires (so readers still check {@link OwnershipChallenge#expiresAt()}). Reads are
 * strongly consistent. Throws {@link StoreUnavailable} when the store cannot answer.
 */
public interface ChallengeStore {

    /** @throws WriteConflict when a challenge with this hash exists (the caller draws another token) */
    void save(OwnershipChallenge challenge);

    Optional<OwnershipChallenge> find(String tokenHash);

    /**
     * Marks a challenge used, only if it exists and is unused: of two concurrent issuances with one token, one wins.
     *
     * @throws WriteConflict when it is missing or used already
     */
    void use(String tokenHash, Instant at);
}
