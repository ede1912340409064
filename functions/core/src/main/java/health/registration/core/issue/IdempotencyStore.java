package health.registration.core.issue;

import health.registration.core.port.StoreUnavailable;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: the Idempotency-Key entries (items in the clients table, with a TTL). Claims are conditional writes, so two
 * concurrent requests with one key cannot both proceed, whatever process they run in. All methods throw
 * {@link StoreUnavailable} when the store cannot answer.
 */
public interface IdempotencyStore {

    /**
     * Claims a key for a new request. Succeeds (empty) when no live entry exists, when the existing one has expired,
     * or when it is in progress past its lock; otherwise returns the existing entry and changes nothing.
     */
    Optional<IdempotencyEntry> claim(IdempotencyEntry fresh, Instant now);

    Optional<IdempotencyEntry> find(String keyId);

    /** Stores the first request's sealed answer. */
    void complete(String keyId, String sealedAnswer);

    /** Forgets a claim whose request did not succeed, so that a retry runs afresh. */
    void release(String keyId);
}
