package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy section 3: redirect URIs are compared by exact string (RFC 9700 §2.1), so none may carry a wildcard.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class RedirectUriHasNoWildcard implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.field() != UrlField.REDIRECT_URI || !url.text().contains("*")) {
            return List.of();
        }
        return UrlRule.refuse(url, "must be an exact URL without wildcards (*)");
    }
}
