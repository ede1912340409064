package health.registration.core.udap;

import health.registration.core.port.StoreUnavailable;
import java.time.Instant;

/**
 * Port: the {@code jti} values of UDAP software statements seen, per {@code iss}, until the statement's {@code exp}
 * (IG STU2 §7.1.4: a jti may be reused after the expiry of the JWT that used it). Items in the clients table with a
 * TTL; recording is a conditional write. Throws {@link StoreUnavailable} when the store cannot answer.
 */
public interface JtiStore {

    /** True when a statement with this issuer and jti was recorded and has not expired by {@code now}. */
    boolean seen(String issuer, String jti, Instant now);

    /**
     * Records a use until {@code expiresAt}. Returns false, recording nothing, when the pair is already recorded and
     * unexpired (a replay, or a concurrent request with the same statement).
     */
    boolean record(String issuer, String jti, Instant expiresAt, Instant now);
}
