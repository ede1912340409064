package health.registration.core.policy.rules;

import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy section 3 (RFC 6749 §3.1.2: a redirection endpoint URI must not include a fragment), applied to every URL.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlHasNoFragment implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.url().filter(u -> u.fragment() != null).isEmpty()) {
            return List.of();
        }
        return UrlRule.refuse(url, "must not contain a fragment (#...)");
    }
}
