package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy section 3: no loopback redirect URIs ({@code localhost}, {@code *.localhost}, 127.0.0.0/8, {@code ::1}).
 * The requirements send such apps (RFC 8252 §7.3 native apps) to manual registration.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class RedirectUriHostIsNotLoopback implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.field() != UrlField.REDIRECT_URI || url.url().filter(u -> u.hasLoopbackHost()).isEmpty()) {
            return List.of();
        }
        return UrlRule.refuse(url, "points to the loopback interface, which dynamic registration does not accept;"
                + " apps that use loopback redirects must register manually at " + context.manualRegistrationUrl());
    }
}
