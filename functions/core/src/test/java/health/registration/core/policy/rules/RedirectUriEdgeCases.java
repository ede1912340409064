package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One table of redirect URI edge cases (policy sections 3, 5 and 8), each with the rules that refuse it. Every
 * URL rule's test runs the whole table, so a rule is shown both to refuse its cases and to leave every other
 * case to the rule that owns it; the policy test checks that together they refuse exactly these.
 */
public final class RedirectUriEdgeCases {

    /** An edge case: the redirect URI, why it is in the table, and the rules that refuse it (none: accepted). */
    public record EdgeCase(String url, String reason, Set<Class<? extends Rule>> refusedBy) {}

    private static final String HOST = "https://app.example.com/";

    public static final List<EdgeCase> ALL = List.of(
            accepted("https://app.example.com/cb", "a plain https URL"),
            accepted("https://app.example.com/cb?state=1", "a query is allowed"),
            accepted("https://xn--bcher-kva.de/cb", "a valid A-label host (bücher.de)"),
            accepted(HOST + "a".repeat(2048 - HOST.length()), "a URL of exactly 2,048 characters"),
            refused("x-argonaut-app:/cb", "a private-use scheme", RedirectUriUsesHttps.class),
            refused("com.example.app:/cb", "a reverse-domain private-use scheme (RFC 8252 §7.1)", RedirectUriUsesHttps.class),
            refused("http://app.example.com/cb", "plain http", RedirectUriUsesHttps.class),
            refused("javascript:alert(1)", "a javascript: URI", RedirectUriUsesHttps.class),
            refused("urn:ietf:wg:oauth:2.0:oob", "the out-of-band URN", RedirectUriUsesHttps.class),
            refused("http://localhost/cb", "http to localhost", RedirectUriUsesHttps.class, RedirectUriHostIsNotLoopback.class),
            refused("https://localhost/cb", "localhost", RedirectUriHostIsNotLoopback.class),
            refused("https://app.localhost/cb", "a name under localhost (RFC 6761 §6.3)", RedirectUriHostIsNotLoopback.class),
            refused("https://LOCALHOST/cb", "localhost in upper case", RedirectUriHostIsNotLoopback.class, UrlIsCanonical.class),
            refused("https://127.0.0.1/cb", "127.0.0.1", RedirectUriHostIsNotLoopback.class),
            refused("https://127.1/cb", "127.1, the short IPv4 form", RedirectUriHostIsNotLoopback.class),
            refused("https://2130706433/cb", "127.0.0.1 as one decimal number", RedirectUriHostIsNotLoopback.class),
            refused("https://0x7f.1/cb", "127.0.0.1 in hexadecimal", RedirectUriHostIsNotLoopback.class),
            refused("https://0177.0.0.1/cb", "127.0.0.1 in octal", RedirectUriHostIsNotLoopback.class),
            refused("https://[::1]/cb", "the IPv6 loopback address", RedirectUriHostIsNotLoopback.class),
            refused("https://[::ffff:127.0.0.1]/cb", "IPv4-mapped loopback", RedirectUriHostIsNotLoopback.class),
            refused("https://[::ffff:7f00:1]/cb", "IPv4-mapped loopback in hexadecimal", RedirectUriHostIsNotLoopback.class),
            refused("https://10.0.0.5/cb", "a private IPv4 address", UrlHostIsNotIpLiteral.class),
            refused("https://169.254.169.254/cb", "the cloud metadata address", UrlHostIsNotIpLiteral.class),
            refused("https://[2001:db8::1]/cb", "an IPv6 literal", UrlHostIsNotIpLiteral.class),
            refused("https://app.example.com/cb#x", "a fragment (RFC 6749 §3.1.2)", UrlHasNoFragment.class),
            refused("https://app.example.com/cb#", "an empty fragment", UrlHasNoFragment.class),
            refused("https://user@app.example.com/cb", "user information", UrlHasNoUserInfo.class),
            refused("https://a@b@app.example.com/cb", "two @ signs in the authority", UrlHasNoUserInfo.class),
            refused("https://*.example.com/cb", "a wildcard host", RedirectUriHasNoWildcard.class),
            refused("https://app.example.com/*", "a wildcard path", RedirectUriHasNoWildcard.class),
            refused("https://app.example.com:443/cb", "the default port written out", UrlUsesDefaultPort.class),
            refused("https://app.example.com:0443/cb", "the default port with a leading zero", UrlUsesDefaultPort.class),
            refused("https://app.example.com:/cb", "an empty port", UrlUsesDefaultPort.class),
            refused("https://app.example.com:8443/cb", "a port other than 443", UrlUsesDefaultPort.class),
            refused("HTTPS://APP.EXAMPLE.COM/cb", "an upper-case scheme and host", UrlIsCanonical.class),
            refused("https://app.example.com./cb", "a trailing dot on the host", UrlIsCanonical.class),
            refused("https://app.example.com/a/../cb", "a .. path segment", UrlIsCanonical.class),
            refused("https://app.example.com/%2e%2e/cb", "a percent-encoded .. segment", UrlIsCanonical.class),
            refused("https://exa%41mple.com/cb", "a percent-encoded host", UrlHostIsPublicDomainName.class),
            refused("https://app.example.com\\@evil.com/cb", "a backslash before @", UrlIsWellFormed.class),
            refused(" https://app.example.com/cb", "a leading space", UrlIsWellFormed.class),
            refused(HOST + "a".repeat(2049 - HOST.length()), "a URL of 2,049 characters", UrlIsWellFormed.class),
            refused("https:app.example.com", "no // after the scheme", UrlIsWellFormed.class),
            refused("https://bücher.de/cb", "a non-ASCII host", UrlIsWellFormed.class),
            refused("https://app.example.com:99999/cb", "a port above 65535", UrlIsWellFormed.class),
            refused("https://256.1.1.1/cb", "a numeric host that is no IPv4 address", UrlIsWellFormed.class),
            refused("https://[fe80::1%25eth0]/cb", "an IPv6 zone identifier", UrlIsWellFormed.class),
            refused("https://app.local/cb", "a .local name", UrlHostIsPublicDomainName.class),
            refused("https://metadata.google.internal/cb", "the metadata host name", UrlHostIsPublicDomainName.class),
            refused("https://xn--bcher-kv.de/cb", "an invalid A-label", UrlHostIsPublicDomainName.class),
            refused("https://ab--cd.example.com/cb", "hyphens in places 3 and 4 without xn--", UrlHostIsPublicDomainName.class));

    private RedirectUriEdgeCases() {}

    /** Rows of (url, refused by this rule, reason) for a rule's parameterised test. */
    public static Stream<Arguments> verdictsOf(Class<? extends Rule> rule) {
        return ALL.stream().map(c -> Arguments.of(c.url(), c.refusedBy().contains(rule), c.reason()));
    }

    /** Asserts that the rule refuses the URL as the only redirect URI, or says nothing about it. */
    public static void assertJudged(Rule rule, String url, boolean refused) {
        List<Violation> found = rule.check(ValidMetadata.withRedirectUri(url), ValidMetadata.CONTEXT);
        if (refused) {
            ExpectedOutcome.assertOutcome(found, "/redirect_uris/0", RegistrationErrorCode.INVALID_REDIRECT_URI,
                    Severity.ERROR, "redirect_uris/0 ");
        } else {
            assertThat(found).as("violations").isEmpty();
        }
    }

    private static EdgeCase accepted(String url, String reason) {
        return new EdgeCase(url, reason, Set.of());
    }

    @SafeVarargs
    private static EdgeCase refused(String url, String reason, Class<? extends Rule>... rules) {
        return new EdgeCase(url, reason, Set.of(rules));
    }
}
