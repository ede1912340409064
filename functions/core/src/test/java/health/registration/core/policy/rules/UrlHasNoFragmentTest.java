package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 3 and RFC 6749 §3.1.2: no URL carries a fragment. */
class UrlHasNoFragmentTest {

    private static final Rule RULE = new UrlHasNoFragment();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUrisWithAFragment(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlHasNoFragment.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                               | field            | code                    | severity | phrase                                        | reason
        tos_uri       | "https://app.example.com/terms#section-2"                  | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | tos_uri must not contain a fragment           | a fragment in tos_uri
        client_uri#fr | "https://app.example.com/fr#top"                           | /client_uri#fr   | INVALID_CLIENT_METADATA | ERROR    | client_uri#fr must not contain a fragment     | a language-tagged variant is checked too
        redirect_uris | ["https://app.example.com/cb", "https://app.example.com/b#"] | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR    | redirect_uris/1 must not contain a fragment   | the second entry is named by its index
        redirect_uris | ["https://app.example.com/cb?next=%23top"]                 |                  |                         |          |                                               | an encoded # in the query is no fragment
        logo_uri      | "https://app.example.com/logo.png?v=2"                     |                  |                         |          |                                               | a query is no fragment
        request_uris  | ["https://app.example.com/r.jwt#Aoaq"]                     | /request_uris/0  | INVALID_CLIENT_METADATA | ERROR    | request_uris/0 must not contain a fragment    | not even the content hash OpenID Connect allows there (policy section 9)
        frontchannel_logout_uri | "https://app.example.com/logout#x"               | /frontchannel_logout_uri | INVALID_CLIENT_METADATA | ERROR | frontchannel_logout_uri must not contain a fragment | a fragment
        """)
    void judgesFragmentsInEveryUrlMember(String member, String value, String field, RegistrationErrorCode code, Severity severity,
            String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
