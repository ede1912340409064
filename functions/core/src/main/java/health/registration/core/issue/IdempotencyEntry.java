package health.registration.core.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store keeps about one {@code Idempotency-Key}: never the key itself, only an id derived from it; the
 * hash of the request body; and, once the first request has succeeded, its answer sealed with a key derived from
 * the Idempotency-Key (see {@link SealedAnswer}), so the stored secret and token are unreadable without it.
 *
 * @param keyId        derived from the Idempotency-Key; the store's key
 * @param bodyHash     SHA-256 of the request body, to tell a retry from a different request
 * @param sealedAnswer the first answer, sealed; null while the first request is in progress
 * @param lockedUntil  while in progress, when another request may take over (the first one died)
 * @param expiresAt    when the entry is forgotten (24 hours after the first request)
 */
public record IdempotencyEntry(String keyId, String bodyHash, String sealedAnswer, Instant lockedUntil, Instant expiresAt) {

    public IdempotencyEntry {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(bodyHash);
        Objects.requireNonNull(lockedUntil);
        Objects.requireNonNull(expiresAt);
    }

    public boolean completed() {
        return sealedAnswer != null;
    }
}
