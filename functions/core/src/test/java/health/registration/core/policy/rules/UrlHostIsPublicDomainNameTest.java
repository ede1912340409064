package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 5, the part that needs no network: hosts are DNS names under an ICANN public suffix. */
class UrlHostIsPublicDomainNameTest {

    private static final Rule RULE = new UrlHostIsPublicDomainName();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUriHostsThatAreNoPublicDnsName(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlHostIsPublicDomainName.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                               | field            | code                    | severity | phrase                                       | reason
        client_uri    | "https://localhost"                                        | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri has a host that is not under a public top-level domain | localhost outside redirect_uris
        logo_uri      | "https://printer.home.arpa/logo.png"                       | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | not under a public top-level domain          | home.arpa is for home networks (RFC 8375)
        tos_uri       | "https://intranet/terms"                                   | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | not under a public top-level domain          | a single-label name
        policy_uri    | "https://app.corp/privacy"                                 | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | not under a public top-level domain          | a top-level domain that does not exist
        client_uri    | "https://-app.example.com"                                 | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | not start or end with a hyphen               | a label that starts with a hyphen
        client_uri    | "https://app_1.example.com"                                | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | letters, digits or hyphens                   | an underscore is not allowed in a host name
        client_uri    | "https://*.example.com"                                    | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | is not a DNS name                            | a wildcard host outside redirect_uris is no DNS name
        logo_uri      | "https://*/logo.png"                                       | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | is not a DNS name                            | a bare wildcard host outside redirect_uris
        logo_uri#de   | "https://logo.internal/de.png"                             | /logo_uri#de     | INVALID_CLIENT_METADATA | ERROR    | logo_uri#de has a host                       | a language-tagged variant is checked too
        redirect_uris | ["https://app.example.com/cb", "https://app.local/cb"]    | /redirect_uris/1 | INVALID_REDIRECT_URI    | ERROR    | redirect_uris/1 has a host                   | the second entry is named by its index
        policy_uri    | "https://xn--bcher-kva.de/privacy"                         |                  |                         |          |                                              | a valid A-label
        client_uri    | "https://a.b.example.co.uk"                                |                  |                         |          |                                              | a deep name under a two-label suffix
        client_uri    | "https://app.example.com."                                 |                  |                         |          |                                              | a trailing dot is left to the canonical-form rule
        client_uri    | "https://APP.EXAMPLE.COM"                                  |                  |                         |          |                                              | upper case is left to the canonical-form rule
        client_uri    | "https://10.0.0.5"                                         |                  |                         |          |                                              | IP literals are left to their own rule
        redirect_uris | ["https://localhost/cb"]                                   |                  |                         |          |                                              | loopback redirect URIs are left to the rule with the manual-registration hint
        jwks_uri      | "https://metadata.google.internal/jwks.json"               | /jwks_uri        | INVALID_CLIENT_METADATA | ERROR    | jwks_uri has a host that is not under a public | a private-use name
        initiate_login_uri | "https://localhost/login"                             | /initiate_login_uri | INVALID_CLIENT_METADATA | ERROR | initiate_login_uri has a host that          | localhost
        post_logout_redirect_uris | ["https://app.example.com/bye", "https://printer.local/bye"] | /post_logout_redirect_uris/1 | INVALID_CLIENT_METADATA | ERROR | post_logout_redirect_uris/1 has a host | an mDNS name
        """)
    void judgesHostsOfEveryUrlMember(String member, String value, String field, RegistrationErrorCode code, Severity severity,
            String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
