package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 3: no URL carries user information, a classic parser confusion. */
class UrlHasNoUserInfoTest {

    private static final Rule RULE = new UrlHasNoUserInfo();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUrisWithUserInformation(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlHasNoUserInfo.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                               | field            | code                    | severity | phrase                                         | reason
        client_uri    | "https://user:secret@app.example.com"                      | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri must not contain user information   | a user name and password
        logo_uri      | "https://@app.example.com/logo.png"                        | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | must not contain user information              | an empty user name is still user information
        redirect_uris | ["https://app.example.com/cb", "https://app.example.com@evil.example/cb"] | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR | redirect_uris/1 must not contain user information | the trusted-looking name before @ is user information
        tos_uri       | "https://app.example.com/@dev/terms"                       |                  |                         |          |                                                | an @ in the path is not user information
        policy_uri    | "https://app.example.com/privacy?contact=dev@example.com"  |                  |                         |          |                                                | an @ in the query is not user information
        jwks_uri      | "https://user@app.example.com/jwks.json"                   | /jwks_uri        | INVALID_CLIENT_METADATA | ERROR    | jwks_uri must not contain user information    | user information in jwks_uri
        backchannel_logout_uri | "https://a:b@app.example.com/logout"              | /backchannel_logout_uri | INVALID_CLIENT_METADATA | ERROR | backchannel_logout_uri must not contain user information | credentials in a logout endpoint
        """)
    void judgesUserInformationInEveryUrlMember(String member, String value, String field, RegistrationErrorCode code, Severity severity,
            String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
