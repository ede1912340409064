package health.registration.core.policy.rules;

import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy sections 2 and 8: every URL is an absolute http(s) URL of RFC 3986 syntax, in ASCII, of at most 2,048
 * characters. URLs with other schemes are left to the scheme rules.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlIsWellFormed implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        boolean otherScheme = url.scheme().filter(s -> !WebUrl.isWebScheme(s)).isPresent();
        if (url.parsed().isOk() || otherScheme) {
            return List.of();
        }
        return UrlRule.refuse(url, url.parsed().problem());
    }
}
