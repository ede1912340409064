package health.registration.core.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store keeps about one {@code Idempotency-Key}: never the key itself, only an id derived from it and the
 * server's pepper; a keyed fingerprint of the request body; and, once the first request has succeeded, its answer
 * sealed with a key derived the same way (see {@link SealedAnswer}), so the stored secret and token are unreadable,
 * and the entry unlinkable to its key, without both the Idempotency-Key and the pepper.
 *
 * @param keyId        derived from the Idempotency-Key and the pepper; the store's key
 * @param bodyHash     keyed fingerprint of the request body, to tell a retry from a different request
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
