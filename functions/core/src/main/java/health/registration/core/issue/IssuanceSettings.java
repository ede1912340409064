package health.registration.core.issue;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How issuance behaves.
 *
 * @param publicBaseUrl      the service's base URL ({@code PUBLIC_BASE_URL}); registration_client_uri is built on it
 * @param secretLifetime     how long a client secret lives ({@code client_secret_expires_at}); zero for ever
 * @param pendingTimeout     how long a registration may stay pending before the cleanup removes it; longer than any
 *                           registration can run
 * @param recheckInterval    how soon after registration a client's URLs are due to be probed again
 * @param idempotencyWindow  how long an Idempotency-Key is remembered (24 hours)
 * @param idempotencyLock    how long a request holds its Idempotency-Key before another may take over
 * @param idempotencyWait    how long a request waits for an earlier one with its key before answering 409
 */
public record IssuanceSettings(URI publicBaseUrl, Duration secretLifetime, Duration pendingTimeout, Duration recheckInterval,
                               Duration idempotencyWindow, Duration idempotencyLock, Duration idempotencyWait) {

    public IssuanceSettings {
        Objects.requireNonNull(publicBaseUrl);
        Objects.requireNonNull(secretLifetime);
        Objects.requireNonNull(pendingTimeout);
        Objects.requireNonNull(recheckInterval);
        Objects.requireNonNull(idempotencyWindow);
        Objects.requireNonNull(idempotencyLock);
        Objects.requireNonNull(idempotencyWait);
    }

    /** The production values for a base URL and secret lifetime. */
    public static IssuanceSettings of(URI publicBaseUrl, Duration secretLifetime) {
        return new IssuanceSettings(publicBaseUrl, secretLifetime, Duration.ofMinutes(10), Duration.ofDays(1),
                Duration.ofHours(24), Duration.ofSeconds(90), Duration.ofSeconds(20));
    }
}
