package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/security.md, "URLs in one form": URLs are registered in the one form every parser agrees on. */
class UrlIsCanonicalTest {

    private static final Rule RULE = new UrlIsCanonical();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void refusesRedirectUrisThatAreNotInCanonicalForm(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlIsCanonical.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                                        | field            | code                    | severity | phrase                                          | reason
        client_uri    | "https://App.example.com"                           | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri must write its scheme and host in lower case | one upper-case letter in the host
        logo_uri      | "Https://app.example.com/logo.png"                  | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | in lower case                                   | one upper-case letter in the scheme
        tos_uri       | "https://app.example.com/./terms"                   | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | must not contain . or .. path segments          | a . segment
        policy_uri    | "https://app.example.com/.%2E/privacy"              | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | must not contain . or .. path segments          | a half-encoded .. segment in upper-case hex
        client_uri    | "https://app.example.com/docs/.."                   | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | must not contain . or .. path segments          | a trailing .. segment
        client_uri#fr | "https://app.example.com./fr"                       | /client_uri#fr   | INVALID_CLIENT_METADATA | ERROR    | client_uri#fr must not end its host with a dot  | a language-tagged variant is checked too
        redirect_uris | ["https://app.example.com/cb", "https://app.example.com/%2e/cb"] | /redirect_uris/1 | INVALID_REDIRECT_URI | ERROR | redirect_uris/1 must not contain . or .. path segments | the second entry is named by its index
        client_uri    | "https://app.example.com/..."                       |                  |                         |          |                                                 | three dots are a name, not a dot segment
        client_uri    | "https://app.example.com/.well-known/about"         |                  |                         |          |                                                 | a segment that starts with a dot is a name
        redirect_uris | ["https://app.example.com/Callback"]                |                  |                         |          |                                                 | the path keeps its case
        redirect_uris | ["https://app.example.com/cb?next=../home"]         |                  |                         |          |                                                 | dot segments in the query are data
        """)
    void judgesCanonicalFormOfEveryUrlMember(String member, String value, String field, RegistrationErrorCode code,
                                             Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsEachDepartureFromCanonicalFormSeparately() {
        var found = RULE.check(ValidMetadata.withRedirectUri("HTTPS://APP.EXAMPLE.COM./a/../cb"), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::description).containsExactly(
                "redirect_uris/0 must write its scheme and host in lower case",
                "redirect_uris/0 must not end its host with a dot",
                "redirect_uris/0 must not contain . or .. path segments");
    }
}
