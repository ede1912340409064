package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Policy section 1, manual path: redirect URIs are https, a private-use scheme named after a domain (RFC 8252 §7.1),
 * or http to a loopback address written as an address (RFC 8252 §7.3, §8.3).
 */
class NativeRedirectUriIsAcceptableTest {

    private static final Rule RULE = new NativeRedirectUriIsAcceptable();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                           | field            | code                 | severity | phrase                                                      | reason
        redirect_uris | ["com.example.app:/cb"]                                |                  |                      |          |                                                             | a reverse-domain private-use scheme (RFC 8252 section 7.1)
        redirect_uris | ["com.example.app://cb"]                               |                  |                      |          |                                                             | the same scheme with an authority
        redirect_uris | ["com.example.app:/oauth2redirect/example-provider"]   |                  |                      |          |                                                             | RFC 8252's own example
        redirect_uris | ["com.example.app:/cb?from=login"]                     |                  |                      |          |                                                             | a query is allowed
        redirect_uris | ["http://127.0.0.1/cb"]                                |                  |                      |          |                                                             | the IPv4 loopback address over http (RFC 8252 section 7.3)
        redirect_uris | ["http://127.0.0.1:51004/cb"]                          |                  |                      |          |                                                             | with the port the app picks at run time
        redirect_uris | ["http://[::1]:8080/cb"]                               |                  |                      |          |                                                             | the IPv6 loopback address with a port
        redirect_uris | ["http://[::1]/cb"]                                    |                  |                      |          |                                                             | the IPv6 loopback address without a port
        redirect_uris | ["https://app.example.com/callback"]                   |                  |                      |          |                                                             | an https redirect URI is left to the open path's rules
        redirect_uris | ["https://app.example.com/cb#x"]                       |                  |                      |          |                                                             | an https fragment is left to the fragment rule
        redirect_uris | ["https://app.example.com:8443/cb"]                    |                  |                      |          |                                                             | an https port is left to the port rule
        redirect_uris | ["app.example.com/cb"]                                 |                  |                      |          |                                                             | text without a scheme is left to the well-formedness rule
        redirect_uris | ["com.example.*:/cb"]                                  |                  |                      |          |                                                             | a wildcard in the scheme leaves no scheme: the well-formedness rule refuses it
        client_uri    | "http://127.0.0.1"                                     |                  |                      |          |                                                             | client_uri is not a redirect URI
        logo_uri      | "com.example.app:/logo.png"                            |                  |                      |          |                                                             | logo_uri has a scheme rule of its own
        redirect_uris | ["myapp:/cb"]                                          | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | not a reversed domain name the app controls                 | a private-use scheme without a dot names no domain
        redirect_uris | ["x-argonaut-app:/callback"]                           | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | such as com.example.app (RFC 8252 section 7.1)              | the policy's own example of a private-use scheme names no domain
        redirect_uris | ["https://app.example.com/cb", "myapp:/cb"]            | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR    | redirect_uris/1 uses a private-use scheme                   | the second entry is named by its index
        redirect_uris | ["javascript:alert(1)"]                                | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must use https, a private-use scheme such as com.example.app, or a loopback address | a javascript: URI
        redirect_uris | ["data:text/html,hi"]                                  | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must use https, a private-use scheme                        | a data: URI
        redirect_uris | ["file:///etc/passwd"]                                 | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must use https, a private-use scheme                        | a file: URI
        redirect_uris | ["urn:ietf:wg:oauth:2.0:oob"]                          | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must use https, a private-use scheme                        | the out-of-band URN (RFC 8252 section 7 drops it)
        redirect_uris | ["http://example.com/cb"]                              | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must use https, a private-use scheme                        | plain http to a public host
        redirect_uris | ["HTTP://example.com/cb"]                              | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must use https, a private-use scheme                        | the scheme is compared without case
        redirect_uris | ["com.example.app:/cb#frag"]                           | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must not have a fragment (RFC 6749 section 3.1.2)           | a fragment
        redirect_uris | ["com.example.app:/cb#"]                               | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must not have a fragment                                    | an empty fragment
        redirect_uris | ["com.example.app:/*"]                                 | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must not contain a wildcard                                 | a wildcard path
        redirect_uris | ["com.example.app://*.example.com/cb"]                 | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | must not contain a wildcard                                 | a wildcard host
        redirect_uris | ["com.example.app:/caf\u00e9"]                         | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | printable ASCII characters                                  | a non-ASCII character
        redirect_uris | ["com.example.app:/a b"]                               | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | printable ASCII characters                                  | a space
        redirect_uris | ["com.example.app:/cb\\u0000"]                         | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | printable ASCII characters                                  | a control character
        redirect_uris | ["com.example.app:/cb\\u007f"]                         | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | printable ASCII characters                                  | DEL, the first character past printable ASCII
        redirect_uris | ["com.example.app:/!cb~"]                              |                  |                      |          |                                                             | ! and ~, the first and last printable ASCII characters after the space
        redirect_uris | ["com.example.app:/c%zz"]                              | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | is not a URI of RFC 3986 syntax                             | a broken percent-encoding
        redirect_uris | ["com.example.app:"]                                   | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | is not a URI of RFC 3986 syntax                             | a scheme alone
        redirect_uris | ["http://localhost/cb"]                                | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | not by a host name (RFC 8252 section 8.3)                   | localhost may resolve elsewhere (RFC 8252 section 8.3)
        redirect_uris | ["http://localhost:8080/cb"]                           | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | as 127.0.0.1 or [::1]                                       | localhost with a port
        redirect_uris | ["http://app.localhost/cb"]                            | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | as 127.0.0.1 or [::1]                                       | a name under localhost
        redirect_uris | ["http://127.0.0.2/cb"]                                | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | as 127.0.0.1 or [::1]                                       | another address of 127.0.0.0/8
        redirect_uris | ["http://2130706433/cb"]                               | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | as 127.0.0.1 or [::1]                                       | 127.0.0.1 as one decimal number
        redirect_uris | ["http://[::ffff:127.0.0.1]/cb"]                       | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | as 127.0.0.1 or [::1]                                       | IPv4-mapped loopback
        redirect_uris | ["https://127.0.0.1/cb"]                               | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | is a loopback redirect, which uses http (RFC 8252 section 7.3) | https to a loopback address has no certificate
        redirect_uris | ["https://[::1]:8443/cb"]                              | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | which uses http                                             | https to the IPv6 loopback address
        """)
    void judgesNativeRedirectUris(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                  String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void refusesAPrivateUseRedirectUriLongerThan2048Characters() {
        String prefix = "com.example.app:/";

        assertThat(RULE.check(ValidMetadata.withRedirectUri(prefix + "a".repeat(2048 - prefix.length())), ValidMetadata.CONTEXT))
                .as("exactly 2,048 characters").isEmpty();
        assertThat(RULE.check(ValidMetadata.withRedirectUri(prefix + "a".repeat(2049 - prefix.length())), ValidMetadata.CONTEXT))
                .singleElement().extracting(Violation::description).asString()
                .isEqualTo("redirect_uris/0 must be at most 2048 printable ASCII characters");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"myapp:/cb", "http://localhost/cb", "javascript:alert(1)", "https://127.0.0.1/cb"})
    void neverSendsAnAppToManualRegistrationSinceThisIsIt(String url) {
        List<Violation> found = RULE.check(ValidMetadata.withRedirectUri(url), ValidMetadata.CONTEXT);

        assertThat(found).singleElement().extracting(Violation::description).asString()
                .doesNotContain(ValidMetadata.MANUAL_REGISTRATION_URL).doesNotContain("register manually");
    }

    @Test
    void judgesEveryEntryOnItsOwn() {
        List<Violation> found = RULE.check(ValidMetadata.with("redirect_uris",
                "[\"myapp:/cb\", \"com.example.app:/cb\", \"http://localhost/cb\", \"http://127.0.0.1:1234/cb\"]"),
                ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/redirect_uris/0", "/redirect_uris/2");
    }
}
