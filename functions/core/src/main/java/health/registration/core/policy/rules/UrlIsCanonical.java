package health.registration.core.policy.rules;

import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/security.md, "URLs in one form": a URL is registered in the one form every parser agrees on, so the string that
 * is checked is the string a browser and our prober use: lower-case scheme and host, no trailing dot, no
 * {@code .} or {@code ..} path segments (plain or percent-encoded).
 */
public final class UrlIsCanonical implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.url().isEmpty()) {
            return List.of();
        }
        WebUrl parsed = url.url().get();
        List<Violation> found = new ArrayList<>();
        if (!parsed.scheme().equals(parsed.normalizedScheme()) || !parsed.host().equals(parsed.host().toLowerCase(Locale.ROOT))) {
            found.addAll(UrlRule.refuse(url, "must write its scheme and host in lower case"));
        }
        if (parsed.host().endsWith(".")) {
            found.addAll(UrlRule.refuse(url, "must not end its host with a dot"));
        }
        if (hasDotSegment(parsed.path())) {
            found.addAll(UrlRule.refuse(url, "must not contain . or .. path segments"));
        }
        return found;
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
