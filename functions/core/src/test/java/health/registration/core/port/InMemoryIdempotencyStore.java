package health.registration.core.port;

import health.registration.core.issue.IdempotencyStore;
import health.registration.core.issue.IdempotencyEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency-Key entries in memory, on the same terms as the table's conditional writes. {@link #claim} is atomic:
 * it succeeds when no entry exists, when the existing one has expired ({@code expiresAt} before now), or when it is
 * still in progress with its lock passed ({@code lockedUntil} before now). {@link #find} hides expired entries,
 * {@link #complete} needs the entry to exist, and {@link #release} keeps a completed entry. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<String, IdempotencyEntry> entries = new HashMap<>();
    private final Clock clock;

    /** A store that judges expiry in {@link #find} by the clock the code under test uses. */
    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<IdempotencyEntry> claim(IdempotencyEntry fresh, Instant now) {
        IdempotencyEntry existing = entries.get(fresh.keyId());
        if (existing != null && !takeable(existing, now)) {
            return Optional.of(existing);
        }
        entries.put(fresh.keyId(), fresh);
        return Optional.empty();
    }

    private static boolean takeable(IdempotencyEntry existing, Instant now) {
        boolean expired = existing.expiresAt().isBefore(now);
        boolean abandoned = !existing.completed() && existing.lockedUntil().isBefore(now);
        return expired || abandoned;
    }

    @Override
    public synchronized Optional<IdempotencyEntry> find(String keyId) {
        return Optional.ofNullable(entries.get(keyId)).filter(e -> !e.expiresAt().isBefore(clock.instant()));
    }

    /** @throws WriteConflict when the entry is gone (released, or taken over and released) */
    @Override
    public synchronized void complete(String keyId, String sealedAnswer) {
        IdempotencyEntry e = entries.get(keyId);
        if (e == null) {
            throw new WriteConflict("the Idempotency-Key entry is gone");
        }
        entries.put(keyId, new IdempotencyEntry(keyId, e.bodyHash(), sealedAnswer, e.lockedUntil(), e.expiresAt()));
    }

    /** Forgets an entry in progress; a completed one is kept, so retries get the answer that was given. */
    @Override
    public synchronized void release(String keyId) {
        entries.computeIfPresent(keyId, (id, e) -> e.completed() ? e : null);
    }

    /** Every entry held, expired ones included (the table's TTL removes them lazily too). */
    public synchronized List<IdempotencyEntry> entries() {
        return List.copyOf(entries.values());
    }
}
