package health.registration.core.port;

import health.registration.core.udap.JtiStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code jti} values seen, per {@code iss}, in memory, judged as the table judges them: an expiry is kept in
 * whole seconds, rounded up, and has passed once the current whole second is after it. So a use is remembered until
 * up to two seconds after its {@code exp}, never less. {@link #record} is atomic. Expired uses are kept, as the
 * table's time-to-live removes them only eventually. Thread-safe.
 */
public final class InMemoryJtiStore implements JtiStore {

    private record Use(String issuer, String jti) {}

    private final Map<Use, Instant> uses = new HashMap<>();

    @Override
    public synchronized boolean seen(String issuer, String jti, Instant now) {
        Instant expiresAt = uses.get(new Use(issuer, jti));
        return expiresAt != null && !expired(expiresAt, now);
    }

    @Override
    public synchronized boolean record(String issuer, String jti, Instant expiresAt, Instant now) {
        if (seen(issuer, jti, now)) {
            return false;
        }
        uses.put(new Use(issuer, jti), expiresAt);
        return true;
    }

    /** Every use held, expired ones included. */
    public synchronized int size() {
        return uses.size();
    }

    private static boolean expired(Instant expiresAt, Instant now) {
        long expirySecond = expiresAt.getNano() == 0 ? expiresAt.getEpochSecond() : expiresAt.getEpochSecond() + 1;
        return expirySecond < now.getEpochSecond();
    }
}
