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
import org.junit.jupiter.params.provider.ValueSource;

/** Policy section 3: redirect URIs use https; private-use schemes are pointed to manual registration. */
class RedirectUriUsesHttpsTest {

    private static final Rule RULE = new RedirectUriUsesHttps();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesEveryRedirectUriSchemeButHttps(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(RedirectUriUsesHttps.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                            | field            | code                 | severity | phrase                                                   | reason
        redirect_uris | ["https://app.example.com/cb", "x-argonaut-app:/cb"]   | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR    | register manually at https://manual.example.org/register | the second entry is named by its index
        redirect_uris | ["com.example.app:/cb"]                                 | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | private-use (custom) URI scheme                          | a private-use scheme is named as such
        redirect_uris | ["HTTP://app.example.com/cb"]                           | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | redirect_uris/0 must use https                           | the scheme is compared without case
        redirect_uris | ["data:text/html,hello"]                                | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | redirect_uris/0 must use https                           | a data: URI is not an app's own scheme
        redirect_uris | ["wss://app.example.com/cb"]                            | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | redirect_uris/0 must use https                           | a WebSocket URL is not an app's own scheme
        redirect_uris | ["HTTPS://app.example.com/cb"]                          |                  |                      |          |                                                          | an upper-case https scheme is left to the canonical-form rule
        redirect_uris | ["app.example.com/cb"]                                  |                  |                      |          |                                                          | text without a scheme is left to the well-formedness rule
        client_uri    | "http://app.example.com"                                |                  |                      |          |                                                          | client_uri is not a redirect URI
        logo_uri      | "x-argonaut-app:/logo.png"                              |                  |                      |          |                                                          | logo_uri has a scheme rule of its own
        """)
    void judgesRedirectUriSchemes(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                  String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://manual.example.org/register", "https://operator.example.net/clients/new"})
    void refusesPrivateUseSchemeWithManualRegistrationHint(String manualRegistrationUrl) {
        PolicyContext context = new PolicyContext(URI.create(manualRegistrationUrl));

        List<Violation> found = RULE.check(ValidMetadata.withRedirectUri("x-argonaut-app:/callback"), context);

        assertThat(found).singleElement().extracting(Violation::description).asString()
                .contains("must register manually at " + manualRegistrationUrl);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://app.example.com/cb", "javascript:alert(1)", "file:///etc/passwd"})
    void refusesWebAndDangerousSchemesWithoutManualRegistrationHint(String url) {
        List<Violation> found = RULE.check(ValidMetadata.withRedirectUri(url), ValidMetadata.CONTEXT);

        assertThat(found).singleElement().extracting(Violation::description).asString()
                .isEqualTo("redirect_uris/0 must use https")
                .doesNotContain(ValidMetadata.MANUAL_REGISTRATION_URL);
    }
}
