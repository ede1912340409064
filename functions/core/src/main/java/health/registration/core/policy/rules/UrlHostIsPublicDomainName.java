package health.registration.core.policy.rules;

import health.registration.core.model.DomainName;
import health.registration.core.model.Parsed;
import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * Policy section 5 (the part that needs no network) and docs/security.md, "URL syntax per field": the host is a DNS
 * name in A-labels under an ICANN public suffix, so {@code localhost}, {@code *.internal}, {@code *.local} and metadata
 * names are refused before any lookup. IP literals, loopback redirects and wildcard redirects have rules of their own.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UrlHostIsPublicDomainName implements UrlRule {

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.url().isEmpty()) {
            return List.of();
        }
        WebUrl parsed = url.url().get();
        boolean redirect = url.field() == UrlField.REDIRECT_URI;
        // Only redirect URIs have a wildcard rule; elsewhere a * host is simply not a DNS name.
        if (parsed.hasIpLiteralHost() || redirect && (parsed.hasLoopbackHost() || parsed.host().contains("*"))) {
            return List.of();
        }
        Parsed<DomainName> name = DomainName.parse(parsed.host());
        return name.isOk() ? List.of() : UrlRule.refuse(url, "has a host that " + name.problem());
    }
}
