package health.registration.core.reverify;

import health.registration.core.issue.FailureKind;
import health.registration.core.probe.RetryAfter;
import health.registration.core.probe.UrlProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * A host that answers a transient refusal with {@code Retry-After} (RFC 9110 §10.2.3; RFC 6585 §4 for 429) is telling
 * us when to come back: a check that failed only transiently, with such an answer among its probes, is deferred by
 * the longest wait asked for instead of counted as a failure. The wait is bounded below by the usual deferral (a
 * host cannot make us probe it sooner) and above by the check interval (nor make an app go unchecked longer).
 */
final class RetryAfterDeferral {

    private RetryAfterDeferral() {}

    static Optional<CheckVerdict> of(CheckVerdict.Failed failed, Collection<UrlProbe> probes, ReverificationSettings settings,
                                     Instant now) {
        if (failed.kind() != FailureKind.TRANSIENT) {
            return Optional.empty();
        }
        Optional<Duration> longest = probes.stream()
                .filter(p -> p.retryAfter() != null && p.transientFailure())
                .map(p -> RetryAfter.delay(p.retryAfter(), now))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
        return longest.map(wait -> new CheckVerdict.Deferred(CheckVerdict.Deferred.RETRY_AFTER,
                clamp(wait, settings.deferredRecheck(), settings.interval())));
    }

    private static Duration clamp(Duration wait, Duration least, Duration most) {
        return wait.compareTo(least) < 0 ? least : wait.compareTo(most) > 0 ? most : wait;
    }
}
