package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Policy section 1, manual path: besides https redirect URIs (held to the open path's rules), native apps may
 * register a private-use scheme named after a domain they control ({@code com.example.app:/cb}, RFC 8252 §7.1) or
 * a loopback address ({@code http://127.0.0.1/cb}, {@code http://[::1]/cb}, RFC 8252 §7.3; any port, since the app
 * picks one at run time; never the name {@code localhost}, §8.3). Neither is probed: nothing on the internet serves
 * them.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class NativeRedirectUriIsAcceptable implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.field() != UrlField.REDIRECT_URI || url.scheme().isEmpty()) {
            return List.of();
        }
        String scheme = url.scheme().get().toLowerCase(Locale.ROOT);
        if (url.url().filter(WebUrl::hasLoopbackHost).isPresent()) {
            return loopback(url, url.url().get());
        }
        if (scheme.equals("https")) {
            return List.of();
        }
        if (RedirectUriUsesHttps.NOT_PRIVATE_USE.contains(scheme)) {
            return UrlRule.refuse(url, "must use https, a private-use scheme such as com.example.app, or a loopback address");
        }
        return privateUse(url, scheme);
    }

    private static List<Violation> loopback(UrlMember url, WebUrl parsed) {
        String host = parsed.host().toLowerCase(Locale.ROOT);
        if (!host.equals("127.0.0.1") && !host.equals("[::1]")) {
            return UrlRule.refuse(url, "must name the loopback interface as 127.0.0.1 or [::1], not by a host name"
                    + " (RFC 8252 section 8.3)");
        }
        if (!parsed.normalizedScheme().equals("http")) {
            return UrlRule.refuse(url, "is a loopback redirect, which uses http (RFC 8252 section 7.3)");
        }
        return List.of();
    }

    private static List<Violation> privateUse(UrlMember url, String scheme) {
        if (!scheme.contains(".")) {
            return UrlRule.refuse(url, "uses a private-use scheme that is not a reversed domain name the app controls,"
                    + " such as com.example.app (RFC 8252 section 7.1)");
        }
        if (url.text().length() > WebUrl.MAX_LENGTH || !url.text().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return UrlRule.refuse(url, "must be at most " + WebUrl.MAX_LENGTH + " printable ASCII characters");
        }
        URI parsed;
        try {
            parsed = new URI(url.text());
        } catch (URISyntaxException e) {
            return UrlRule.refuse(url, "is not a URI of RFC 3986 syntax");
        }
        if (parsed.getRawFragment() != null) {
            return UrlRule.refuse(url, "must not have a fragment (RFC 6749 section 3.1.2)");
        }
        if (url.text().contains("*")) {
            return UrlRule.refuse(url, "must not contain a wildcard");
        }
        return List.of();
    }
}
