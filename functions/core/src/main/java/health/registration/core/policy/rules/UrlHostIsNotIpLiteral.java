package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy sections 3 and 5: a URL names its host by a DNS name, never an IP address in any form ({@code 1.2.3.4},
 * {@code [2001:db8::1]}, {@code 2130706433}). Loopback redirect URIs are left to the rule that points their apps to
 * manual registration.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlHostIsNotIpLiteral implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        boolean literal = url.url().filter(u -> u.hasIpLiteralHost()).isPresent();
        boolean loopbackRedirect = url.field() == UrlField.REDIRECT_URI && url.url().filter(u -> u.hasLoopbackHost()).isPresent();
        if (!literal || loopbackRedirect) {
            return List.of();
        }
        return UrlRule.refuse(url, "must name its host by a DNS name, not an IP address");
    }
}
