package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/security.md, "URLs in one form": URLs use their scheme's default port, written implicitly. */
class UrlUsesDefaultPortTest {

    private static final Rule RULE = new UrlUsesDefaultPort();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUrisWithAPort(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlUsesDefaultPort.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                               | field            | code                    | severity | phrase                                          | reason
        client_uri    | "http://app.example.com:80"                                | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri must not write the default port      | port 80 written out for http
        client_uri    | "http://app.example.com:443"                               | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | uses a port other than 80                       | 443 is not the default port of http
        logo_uri      | "https://app.example.com:80/logo.png"                      | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | uses a port other than 443                      | 80 is not the default port of https
        tos_uri       | "https://app.example.com:00443/terms"                      | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | must not write the default port                 | leading zeros do not hide the default port
        policy_uri    | "https://app.example.com:/privacy"                         | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | remove the colon and port number                | a bare colon
        policy_uri    | "https://app.example.com:0/privacy"                        | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | uses a port other than 443                      | port 0
        jwks_uri      | "https://app.example.com:8443/jwks.json"                   | /jwks_uri        | INVALID_CLIENT_METADATA | ERROR    | jwks_uri uses a port other than 443             | another port for a key set
        request_uris  | ["https://app.example.com:6379/r"]                         | /request_uris/0  | INVALID_CLIENT_METADATA | ERROR    | request_uris/0 uses a port other than 443       | a port scan through request_uris
        redirect_uris | ["https://app.example.com/cb", "https://app.example.com:8080/cb"] | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR | redirect_uris/1 uses a port other than 443  | the second entry is named by its index
        client_uri    | "https://app.example.com/:8443"                            |                  |                         |          |                                                 | a colon in the path is not a port
        """)
    void judgesPortsOfEveryUrlMember(String member, String value, String field, RegistrationErrorCode code, Severity severity,
            String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    /** The manual path's variant: a loopback redirect URI names the port its native app listens on (RFC 8252 §7.3). */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                              | field            | code                    | severity | phrase                                      | reason
        redirect_uris | ["http://127.0.0.1:51004/cb"]             |                  |                         |          |                                             | an IPv4 loopback redirect with the app's port
        redirect_uris | ["http://[::1]:8080/cb"]                  |                  |                         |          |                                             | an IPv6 loopback redirect with the app's port
        redirect_uris | ["http://127.0.0.1:80/cb"]                |                  |                         |          |                                             | any port, the default one written out included
        redirect_uris | ["http://localhost:8080/cb"]              |                  |                         |          |                                             | a loopback name is left to the native redirect rule
        redirect_uris | ["https://app.example.com:8443/cb"]       | /redirect_uris/0 | INVALID_REDIRECT_URI    | ERROR    | redirect_uris/0 uses a port other than 443  | a public redirect URI keeps the default port
        redirect_uris | ["https://app.example.com:443/cb"]        | /redirect_uris/0 | INVALID_REDIRECT_URI    | ERROR    | must not write the default port             | nor writes it out
        client_uri    | "https://127.0.0.1:8443"                  | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri uses a port other than 443       | only redirect URIs are exempt
        logo_uri      | "https://app.example.com:8443/logo.png"   | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | uses a port other than 443                  | the logo keeps the default port
        """)
    void exemptsOnlyLoopbackRedirectUrisOnTheManualPath(String member, String value, String field, RegistrationErrorCode code,
            Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(UrlUsesDefaultPort.exceptLoopbackRedirects().check(ValidMetadata.with(member, value),
                ValidMetadata.CONTEXT), field, code, severity, phrase);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://127.0.0.1:51004/cb", "http://[::1]:8080/cb"})
    void refusesLoopbackPortsOnTheOpenPaths(String url) {
        assertThat(RULE.check(ValidMetadata.withRedirectUri(url), ValidMetadata.CONTEXT)).extracting(Violation::field)
                .containsExactly("/redirect_uris/0");
    }
}
