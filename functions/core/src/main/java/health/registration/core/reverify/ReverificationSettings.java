package health.registration.core.reverify;

import health.registration.core.probe.ProbeInvocation;
import java.time.Duration;
import java.util.Objects;

/**
 * How re-verification schedules checks, tolerates failures and divides its work.
 *
 * @param interval             how often each client is checked ({@code REVERIFY_INTERVAL_HOURS}, default 24 hours)
 * @param jitter               how much earlier than {@code interval} a client may be due again, spread by client so
 *                             that checks do not bunch ({@code REVERIFY_JITTER_PERCENT} of the interval, default 10%)
 * @param transientRecheck     how soon a client whose check failed only transiently is checked again (default 6
 *                             hours; never later than {@code interval})
 * @param deferredRecheck      how soon a client that could not be checked (its probes were not made) is tried again
 *                             (default 1 hour)
 * @param suspendAfterFailures failed checks in a row before suspension ({@code REVERIFY_SUSPEND_AFTER_FAILURES},
 *                             default 3)
 * @param suspendAfterSpan     how long the failures in a row must have lasted before suspension
 *                             ({@code REVERIFY_SUSPEND_AFTER_HOURS}, default 72 hours)
 * @param pageSize             due records read per index query page
 * @param inlineLimit          clients one invocation checks itself; beyond that the run fans out
 *                             ({@code REVERIFY_INLINE_LIMIT}, default 10,000)
 * @param segmentSize          clients per fan-out message (default 1,000)
 * @param probeChunk           URLs per call to the prober (at most the probe function's cap,
 *                             {@link ProbeInvocation#MAX_TARGETS}; default 200)
 * @param probeLanes           calls to the prober in flight at once; each host's URLs all go through one lane, so no
 *                             host is probed from two calls at once (default 8)
 * @param maxPerHostPerMinute  probes one run starts against one host name per minute, whichever probe function
 *                             instance makes them
 */
public record ReverificationSettings(Duration interval, Duration jitter, Duration transientRecheck,
                                     Duration deferredRecheck, int suspendAfterFailures, Duration suspendAfterSpan,
                                     int pageSize, int inlineLimit, int segmentSize, int probeChunk, int probeLanes,
                                     int maxPerHostPerMinute) {

    public ReverificationSettings {
        Objects.requireNonNull(interval);
        Objects.requireNonNull(jitter);
        Objects.requireNonNull(transientRecheck);
        Objects.requireNonNull(deferredRecheck);
        Objects.requireNonNull(suspendAfterSpan);
        if (interval.isNegative() || interval.isZero() || jitter.isNegative() || jitter.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("the interval must be positive and the jitter smaller than it");
        }
        if (suspendAfterFailures < 1 || pageSize < 1 || inlineLimit < 0 || segmentSize < 1 || probeChunk < 1
                || probeLanes < 1 || maxPerHostPerMinute < 1) {
            throw new IllegalArgumentException("re-verification counts must be positive");
        }
        if (probeChunk > ProbeInvocation.MAX_TARGETS) {
            throw new IllegalArgumentException("the probe function probes at most " + ProbeInvocation.MAX_TARGETS
                    + " URLs per call");
        }
    }

    /** The production defaults. */
    public static ReverificationSettings defaults() {
        return new ReverificationSettings(Duration.ofHours(24), Duration.ofMinutes(144), Duration.ofHours(6),
                Duration.ofHours(1), 3, Duration.ofHours(72), 500, 10_000, 1_000, 200, 8, 120);
    }
}
