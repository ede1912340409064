package health.registration.core.probe;

import health.registration.core.policy.PolicyContext;
import java.util.Objects;

/**
 * How the prober judges and bounds its work.
 *
 * @param limits                 time, size and concurrency limits
 * @param termsFailuresAreErrors when true, tos_uri and policy_uri failures refuse the registration instead of warning
 *                               ({@code TOS_POLICY_PROBE_FAILURES=error})
 * @param policyContext          the context the URL rules are evaluated in, to pick the URLs worth probing
 */
public record ProbeSettings(ProbeLimits limits, boolean termsFailuresAreErrors, PolicyContext policyContext) {

    public ProbeSettings {
        Objects.requireNonNull(limits);
        Objects.requireNonNull(policyContext);
    }
}
