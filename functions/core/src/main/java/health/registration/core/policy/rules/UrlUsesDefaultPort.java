package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * docs/security.md, "URLs in one form": URLs use their scheme's default port, written implicitly. Other ports would let
 * anyone aim the prober at arbitrary services; an explicit default port is a second spelling of the same URL.
 */
public final class UrlUsesDefaultPort implements UrlRule {

    private final boolean loopbackRedirectsExempt;

    /** The open paths: every URL. */
    public UrlUsesDefaultPort() {
        this(false);
    }

    private UrlUsesDefaultPort(boolean loopbackRedirectsExempt) {
        this.loopbackRedirectsExempt = loopbackRedirectsExempt;
    }

    /** The manual path: a loopback redirect URI may name any port (RFC 8252 §7.3); it is never probed. */
    public static UrlUsesDefaultPort exceptLoopbackRedirects() {
        return new UrlUsesDefaultPort(true);
    }

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.url().filter(u -> u.port() != null).isEmpty()) {
            return List.of();
        }
        if (loopbackRedirectsExempt && url.field() == UrlField.REDIRECT_URI && url.url().get().hasLoopbackHost()) {
            return List.of();
        }
        WebUrl parsed = url.url().get();
        String defaultPort = parsed.normalizedScheme().equals("https") ? "443" : "80";
        if (parsed.port().isEmpty() || parsed.port().replaceFirst("^0+(?=.)", "").equals(defaultPort)) {
            return UrlRule.refuse(url, "must not write the default port; remove the colon and port number");
        }
        return UrlRule.refuse(url, "uses a port other than " + defaultPort + "; only the scheme's default port is accepted");
    }
}
