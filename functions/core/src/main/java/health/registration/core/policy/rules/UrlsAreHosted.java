package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy section 5: every URL is hosted, public and answers without redirecting. The network work is the prober's
 * ({@code UrlProber}); its findings reach the policy through the context, so this rule stays a pure function and
 * every path judges them the same way.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlsAreHosted implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        return context.probeFindings();
    }
}
