package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy sections 3 and 5: URLs name their host by a DNS name, never an IP address in any form. */
class UrlHostIsNotIpLiteralTest {

    private static final Rule RULE = new UrlHostIsNotIpLiteral();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesIpLiteralRedirectUrisExceptLoopback(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlHostIsNotIpLiteral.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                            | field            | code                    | severity | phrase                                       | reason
        client_uri    | "https://127.0.0.1"                                     | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri must name its host by a DNS name  | loopback outside redirect_uris is an IP literal like any other
        client_uri    | "https://[::1]"                                         | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | not an IP address                            | IPv6 loopback in client_uri
        logo_uri      | "https://[2001:db8::1]/logo.png"                        | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | not an IP address                            | an IPv6 literal in logo_uri
        tos_uri       | "https://93.184.216.34/terms"                           | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | not an IP address                            | a public IPv4 address is still an IP literal
        policy_uri    | "https://0x5db8d822/privacy"                            | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | not an IP address                            | an address as one hexadecimal number
        client_uri    | "https://169.254.169.254/latest/meta-data"              | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | not an IP address                            | the cloud metadata address
        client_uri#fr | "https://10.0.0.5/fr"                                   | /client_uri#fr   | INVALID_CLIENT_METADATA | ERROR    | client_uri#fr must name its host             | a language-tagged variant is checked too
        redirect_uris | ["https://app.example.com/cb", "https://10.0.0.5/cb"]  | /redirect_uris/1 | INVALID_REDIRECT_URI    | ERROR    | redirect_uris/1 must name its host           | the second entry is named by its index
        client_uri    | "https://1.2.3.example.com"                             |                  |                         |          |                                              | numeric labels before a DNS name are fine
        client_uri    | "https://app1.example.com2"                             |                  |                         |          |                                              | a last label that is not a number is a name, not an address
        jwks_uri      | "https://169.254.169.254/keys"                          | /jwks_uri        | INVALID_CLIENT_METADATA | ERROR    | jwks_uri must name its host by a DNS name    | the cloud metadata address as a key set
        request_uris  | ["https://10.0.0.7/request.jwt"]                        | /request_uris/0  | INVALID_CLIENT_METADATA | ERROR    | request_uris/0 must name its host            | a private address
        sector_identifier_uri | "https://[fd00::1]/sector"                      | /sector_identifier_uri | INVALID_CLIENT_METADATA | ERROR | not an IP address                   | a unique-local IPv6 address
        post_logout_redirect_uris | ["https://127.0.0.1/bye"]                   | /post_logout_redirect_uris/0 | INVALID_CLIENT_METADATA | ERROR | not an IP address             | loopback is exempt only in redirect_uris on the manual path
        """)
    void judgesHostsOfEveryUrlMember(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                     String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
