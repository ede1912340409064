package health.registration.core.probe;

import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyContext;
import java.util.Objects;

/**
 * How the prober judges and bounds its work.
 *
 * @param limits                 time, size and concurrency limits
 * @param termsFailuresAreErrors when true, tos_uri and policy_uri failures refuse the registration instead of warning
 *                               ({@code TOS_POLICY_PROBE_FAILURES=error})
 * @param policyContext          the context the URL rules are evaluated in, to pick the URLs worth probing
 * @param urlRules               the URL rules of the path: URLs that break them are not probed
 */
public record ProbeSettings(ProbeLimits limits, boolean termsFailuresAreErrors, PolicyContext policyContext, Policy urlRules) {

    public ProbeSettings {
        Objects.requireNonNull(limits);
        Objects.requireNonNull(policyContext);
        Objects.requireNonNull(urlRules);
    }

    /** The open paths' settings: URLs are planned by {@link Policies#openUrlRules()}. */
    public ProbeSettings(ProbeLimits limits, boolean termsFailuresAreErrors, PolicyContext policyContext) {
        this(limits, termsFailuresAreErrors, policyContext, Policies.openUrlRules());
    }

    /** The same settings planning URLs by other URL rules (the manual path's). */
    public ProbeSettings withUrlRules(Policy rules) {
        return new ProbeSettings(limits, termsFailuresAreErrors, policyContext, rules);
    }
}
