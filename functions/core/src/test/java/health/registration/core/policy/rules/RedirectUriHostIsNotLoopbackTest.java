package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 3: no loopback redirect URIs in any spelling; such apps are pointed to manual registration. */
class RedirectUriHostIsNotLoopbackTest {

    private static final Rule RULE = new RedirectUriHostIsNotLoopback();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesLoopbackRedirectUrisInEveryForm(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(RedirectUriHostIsNotLoopback.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                           | field            | code                 | severity | phrase                                   | reason
        redirect_uris | ["https://app.example.com/cb", "https://localhost/cb"] | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR    | points to the loopback interface         | the second entry is named by its index
        redirect_uris | ["https://localhost:8443/cb"]                          | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | apps that use loopback redirects         | a port does not hide loopback
        redirect_uris | ["https://localhost./cb"]                              | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | points to the loopback interface         | a trailing dot does not hide localhost
        redirect_uris | ["https://127.255.255.254/cb"]                         | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | points to the loopback interface         | all of 127.0.0.0/8 is loopback
        redirect_uris | ["https://[0:0:0:0:0:0:0:1]/cb"]                       | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | points to the loopback interface         | ::1 written in full
        redirect_uris | ["https://localhost.example.com/cb"]                   |                  |                      |          |                                          | a name that starts with localhost is not loopback
        redirect_uris | ["https://mylocalhost/cb"]                             |                  |                      |          |                                          | a name that ends in localhost without a dot is not loopback
        redirect_uris | ["https://128.0.0.1/cb"]                               |                  |                      |          |                                          | 128.0.0.1 is outside 127.0.0.0/8 (another rule refuses IP literals)
        client_uri    | "https://localhost"                                    |                  |                      |          |                                          | client_uri is not a redirect URI (the public-name rule refuses it)
        logo_uri      | "https://127.0.0.1/logo.png"                           |                  |                      |          |                                          | logo_uri is not a redirect URI (the IP-literal rule refuses it)
        """)
    void judgesRedirectUriHosts(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
        https://localhost/callback | https://manual.example.org/register
        https://[::1]/callback     | https://operator.example.net/clients/new
        """)
    void refusesLoopbackWithManualRegistrationHint(String url, String manualRegistrationUrl) {
        PolicyContext context = new PolicyContext(URI.create(manualRegistrationUrl));

        List<Violation> found = RULE.check(ValidMetadata.withRedirectUri(url), context);

        assertThat(found).singleElement().extracting(Violation::description).asString()
                .contains("must register manually at " + manualRegistrationUrl);
    }
}
