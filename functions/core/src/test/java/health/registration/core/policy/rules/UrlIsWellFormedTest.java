package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy sections 2 and 8: every URL is an absolute http(s) URL of RFC 3986 syntax, in ASCII, of at most 2,048 characters. */
class UrlIsWellFormedTest {

    private static final Rule RULE = new UrlIsWellFormed();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUrisThatAreNotWellFormed(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlIsWellFormed.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                     | field            | code                    | severity | phrase                                   | reason
        client_uri    | "app.example.com"                                | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri is not an absolute URL        | no scheme
        logo_uri      | "https://"                                       | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | logo_uri has no host                     | no host
        tos_uri       | "https://app.example.com/{id}/terms"             | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | does not allow there                     | braces in the path
        policy_uri    | "https://app.example.com/100%"                   | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | does not allow there                     | a % that starts no escape
        client_uri    | "https://app.example.com/a#b#c"                  | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | does not allow there                     | a second #
        client_uri    | "https://[2001:db8::1/"                          | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | unterminated IPv6 address                | an unterminated IPv6 literal
        client_uri    | "https://[::1]x/"                                | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | characters after its IPv6 address        | text after an IPv6 literal
        client_uri    | "https://[127.0.0.1]/"                           | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | invalid IPv6 address                     | an IPv4 address in brackets
        client_uri    | "https://app.example.com:https/"                 | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | invalid port                             | a port that is not a number
        logo_uri#fr   | "https://app.example.com/logo\\tfr.png"          | /logo_uri#fr     | INVALID_CLIENT_METADATA | ERROR    | logo_uri#fr contains a space, a control character | a tab, in a language-tagged variant
        redirect_uris | ["https://app.example.com/cb", "//app.example.com/cb"] | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR | redirect_uris/1 is not an absolute URL   | a scheme-relative URL, second entry
        client_uri    | "https://app.example.com/a%20b?q=%C3%A9"         |                  |                         |          |                                          | percent-encoded characters are fine
        client_uri    | "javascript:alert(1)"                            |                  |                         |          |                                          | other schemes are left to the scheme rule
        """)
    void judgesSyntaxOfEveryUrlMember(String member, String value, String field, RegistrationErrorCode code,
                                      Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
