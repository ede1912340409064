package health.registration.core.limit;

import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * At most so many requests of one kind per source address and clock hour (fixed windows: a counter per source and
 * hour, so no scan and no sliding log is needed). A source past its limit is told when its window frees (RFC 9110
 * §10.2.3 {@code Retry-After}). Every request counts, refused or not: each one costs probes or parsing before it
 * can be refused, and it is that cost the limit bounds.
 */
public final class SourceQuota {

    /** What the quota decided for one request. */
    public sealed interface Admission {}

    /** The request may proceed. */
    public record Admitted() implements Admission {}

    /**
     * The source has used its requests for this hour.
     *
     * @param retryAfter until the window frees, at least a second
     * @param error      the RFC 7591 error answer ({@code rate_limited}, 429)
     */
    public record Exhausted(Duration retryAfter, RegistrationError error) implements Admission {}

    private static final Duration WINDOW = Duration.ofHours(1);

    private final String scope;
    private final RequestCounter counter;
    private final long perHour;
    private final Clock clock;

    /**
     * @param scope   what is counted, e.g. {@code register}; part of each counter's name
     * @param perHour requests one source may make per clock hour, at least 1
     */
    public SourceQuota(String scope, RequestCounter counter, long perHour, Clock clock) {
        if (perHour < 1) {
            throw new IllegalArgumentException("a per-source limit is at least 1 request an hour");
        }
        this.scope = Objects.requireNonNull(scope);
        this.counter = Objects.requireNonNull(counter);
        this.perHour = perHour;
        this.clock = Objects.requireNonNull(clock);
    }

    public Admission admit(SourceAddress source) {
        Instant now = clock.instant();
        Instant windowStart = now.truncatedTo(ChronoUnit.HOURS);
        Instant windowEnd = windowStart.plus(WINDOW);
        String name = scope + "#" + source.key() + "#" + windowStart.getEpochSecond();
        if (counter.increment(name, perHour, windowEnd)) {
            return new Admitted();
        }
        Duration retryAfter = Duration.between(now, windowEnd);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Exhausted(Duration.ofSeconds(seconds), RegistrationError.single(Violation.error(FieldPointer.DOCUMENT,
                RegistrationErrorCode.RATE_LIMITED, "this address has made " + perHour + " " + scope
                        + " requests this hour, the most allowed; retry after " + seconds + " seconds")));
    }

    public long perHour() {
        return perHour;
    }
}
