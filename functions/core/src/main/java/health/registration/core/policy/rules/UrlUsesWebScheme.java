package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Locale;

/**
 * Policy section 2: logo_uri is https; client_uri, tos_uri and policy_uri are http or https, with a warning for
 * http. Redirect URIs have their own rule.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlUsesWebScheme implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.field() == UrlField.REDIRECT_URI || url.scheme().isEmpty()) {
            return List.of();
        }
        String scheme = url.scheme().get().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return List.of();
        }
        if (scheme.equals("http") && url.field().httpsOnly()) {
            return UrlRule.refuse(url, "must use https");
        }
        if (scheme.equals("http")) {
            return List.of(Violation.warning(url.pointer(), UrlRule.codeFor(url), url.name() + " should use https"));
        }
        return UrlRule.refuse(url, url.field().httpsOnly() ? "must be an https URL" : "must be an http or https URL");
    }
}
