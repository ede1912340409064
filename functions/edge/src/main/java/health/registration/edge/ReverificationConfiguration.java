package health.registration.edge;

import health.registration.core.reverify.ReverificationSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The re-verification function's settings from its environment; a malformed value stops the function from starting
 * rather than checking on a schedule nobody chose.
 */
public final class ReverificationConfiguration {

    /** How often each client is checked, in hours (default 24). */
    public static final String REVERIFY_INTERVAL_HOURS = "REVERIFY_INTERVAL_HOURS";
    /** Failed checks in a row before suspension (default 3). */
    public static final String REVERIFY_SUSPEND_AFTER_FAILURES = "REVERIFY_SUSPEND_AFTER_FAILURES";
    /** Hours the failures in a row must span before suspension (default 72). */
    public static final String REVERIFY_SUSPEND_AFTER_HOURS = "REVERIFY_SUSPEND_AFTER_HOURS";
    /** Clients one invocation checks itself before fanning the rest out (default 10,000). */
    public static final String REVERIFY_INLINE_LIMIT = "REVERIFY_INLINE_LIMIT";
    /** The SQS queue of fan-out segments; without it every client is checked inline. */
    public static final String REVERIFY_QUEUE_URL = "REVERIFY_QUEUE_URL";
    /**
     * The EventBridge bus lifecycle and change events go to (docs/operations/authorization-server.md); without it
     * events stay on the records, and a deleted client's go with it.
     */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

    private ReverificationConfiguration() {}

    public static ReverificationSettings settings(Settings settings) {
        ReverificationSettings defaults = ReverificationSettings.defaults();
        Duration interval = Duration.ofHours(whole(settings, REVERIFY_INTERVAL_HOURS, defaults.interval().toHours(), 1));
        boolean queued = settings.value(REVERIFY_QUEUE_URL).isPresent();
        long inlineLimit = queued ? whole(settings, REVERIFY_INLINE_LIMIT, defaults.inlineLimit(), 1) : Integer.MAX_VALUE;
        return new ReverificationSettings(interval, interval.dividedBy(10),
                min(defaults.transientRecheck(), interval), min(defaults.deferredRecheck(), interval),
                (int) whole(settings, REVERIFY_SUSPEND_AFTER_FAILURES, defaults.suspendAfterFailures(), 1),
                Duration.ofHours(whole(settings, REVERIFY_SUSPEND_AFTER_HOURS, defaults.suspendAfterSpan().toHours(), 0)),
                defaults.pageSize(), (int) Math.min(Integer.MAX_VALUE, inlineLimit), defaults.segmentSize(),
                defaults.probeChunk(), defaults.probeLanes(), settings.probeConfiguration().limits().maxPerHostPerMinute());
    }

    public static Optional<String> queueUrl(Settings settings) {
        return settings.value(REVERIFY_QUEUE_URL);
    }

    public static Optional<String> eventBusName(Settings settings) {
        return settings.value(EVENT_BUS_NAME);
    }

    private static long whole(Settings settings, String name, long defaultValue, long least) {
        Optional<String> value = settings.value(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed >= least) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below without the value, like every other setting.
        }
        throw new IllegalStateException(name + " must be a whole number of at least " + least);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
