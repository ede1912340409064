package health.registration.core.reverify;

import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.ProbeSettings;
import java.util.Objects;

/**
 * How re-verification judges and schedules: the same policy context and probe settings as registration, and its own
 * schedule and grace period.
 *
 * @param context       the policy context of every registration path
 * @param probeSettings how URLs are planned and judged
 * @param settings      the schedule, grace period and division of work
 */
public record ReverificationPolicy(PolicyContext context, ProbeSettings probeSettings, ReverificationSettings settings) {

    public ReverificationPolicy {
        Objects.requireNonNull(context);
        Objects.requireNonNull(probeSettings);
        Objects.requireNonNull(settings);
    }
}
