package health.registration.core.issue;

import java.util.Objects;

/**
 * What idempotent registration keeps its entries with: the store, and the sealing of answers under the server's
 * pepper.
 */
public record IdempotencyPorts(IdempotencyStore store, SealedAnswer sealing) {

    public IdempotencyPorts {
        Objects.requireNonNull(store);
        Objects.requireNonNull(sealing);
    }
}
