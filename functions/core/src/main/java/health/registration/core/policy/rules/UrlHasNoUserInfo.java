package health.registration.core.policy.rules;

import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy section 3 and docs/security.md, "URL syntax per field": no user information ({@code user@host}), a classic
 * parser confusion.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlHasNoUserInfo implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.url().filter(u -> u.userInfo() != null).isEmpty()) {
            return List.of();
        }
        return UrlRule.refuse(url, "must not contain user information (the part before @ in the host)");
    }
}
