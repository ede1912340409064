package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 3: redirect URIs are exact strings, without wildcards. */
class RedirectUriHasNoWildcardTest {

    private static final Rule RULE = new RedirectUriHasNoWildcard();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUrisWithAWildcard(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(RedirectUriHasNoWildcard.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                               | field            | code                 | severity | phrase                                          | reason
        redirect_uris | ["https://app.example.com/cb", "https://*/cb"]            | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR    | redirect_uris/1 must be an exact URL without wildcards | a bare wildcard host, second entry
        redirect_uris | ["https://app.example.com/cb?tenant=*"]                    | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | without wildcards                               | a wildcard in the query
        redirect_uris | ["https://app.example.com/cb/**"]                          | /redirect_uris/0 | INVALID_REDIRECT_URI | ERROR    | without wildcards                               | a glob path
        client_uri    | "https://app.example.com/*"                                |                  |                      |          |                                                 | only redirect URIs are compared by exact string
        """)
    void judgesWildcards(String member, String value, String field, RegistrationErrorCode code, Severity severity,
            String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
