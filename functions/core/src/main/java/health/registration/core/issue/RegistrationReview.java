package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.PolicyResult;
import health.registration.core.policy.RegistrationError;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.ProbeReport;

/**
 * The checks every registration and update goes through, in order: the policy's static rules; then, only when they
 * pass, probing of the URLs; then the whole policy again with what probing found (policy sections 5 and 7). The
 * accepted metadata carries the scope as granted (UDAP IG STU2 general §7.3).
 */
public final class RegistrationReview {

    /** What the review decided. */
    public sealed interface Verdict {}

    /** The metadata may be registered, as {@code registered} (defaults written out). */
    public record Accepted(ClientMetadata registered, ProbeReport report, PolicyResult result) implements Verdict {}

    /** The metadata is refused, with every problem found. */
    public record Refused(RegistrationError error) implements Verdict {}

    private final Policy policy;
    private final PolicyContext context;
    private final UrlProber prober;

    public RegistrationReview(Policy policy, PolicyContext context, UrlProber prober) {
        this.policy = policy;
        this.context = context;
        this.prober = prober;
    }

    public Verdict review(ClientMetadata metadata) {
        PolicyResult statically = policy.evaluate(metadata, context);
        if (!statically.valid()) {
            // Probing costs the URLs' owners requests; metadata that is refused anyway does not earn them.
            return new Refused(statically.toRegistrationError());
        }
        ProbeReport report = prober.probe(metadata);
        PolicyResult result = policy.evaluate(metadata, context.withProbeFindings(report.violations()));
        // RFC 7591 §3.2.1 and UDAP IG STU2 general §7.3: what is registered and answered is the scope granted.
        return result.valid() ? new Accepted(context.supportedScopes().narrow(metadata.withDefaults()), report, result)
                : new Refused(result.toRegistrationError());
    }
}
