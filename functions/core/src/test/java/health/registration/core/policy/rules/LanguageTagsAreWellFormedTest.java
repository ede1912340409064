package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7591 §2.2: a language-tagged member carries a well-formed BCP 47 language tag. */
class LanguageTagsAreWellFormedTest {

    private static final Rule RULE = new LanguageTagsAreWellFormed();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member (added)        | value (JSON)                                   | field                   | code                    | severity | phrase                                           | reason
        client_name#fr          | "Application exemple"                          |                         |                         |          |                                                  | a language
        client_name#en-US       | "Example App"                                  |                         |                         |          |                                                  | a language and region
        client_name#zh-Hant-TW  | "範例應用程式"                                  |                         |                         |          |                                                  | a language, script and region
        tos_uri#de-CH           | "https://app.example.com/de/terms"             |                         |                         |          |                                                  | a URL member may be tagged too
        logo_uri#not a tag!     | "https://app.example.com/logo.png"             | /logo_uri#not a tag!    | INVALID_CLIENT_METADATA | ERROR    | a language-tagged logo_uri member has a tag that is not a well-formed BCP 47 language tag | spaces and punctuation are no tag
        client_name#            | "Example App"                                  | /client_name#           | INVALID_CLIENT_METADATA | ERROR    | not a well-formed BCP 47 language tag            | an empty tag
        client_name#fr_FR       | "Application exemple"                          | /client_name#fr_FR      | INVALID_CLIENT_METADATA | ERROR    | not a well-formed BCP 47 language tag            | an underscore is the Java form, not BCP 47
        client_uri#123456789    | "https://app.example.com"                      | /client_uri#123456789   | INVALID_CLIENT_METADATA | ERROR    | not a well-formed BCP 47 language tag            | a subtag of nine digits
        policy_uri#en#fr        | "https://app.example.com/privacy"              | /policy_uri#en#fr       | INVALID_CLIENT_METADATA | ERROR    | not a well-formed BCP 47 language tag            | two tags
        client_name#a/b         | "Example App"                                  | /client_name#a~1b       | INVALID_CLIENT_METADATA | ERROR    | a language-tagged client_name member             | the pointer escapes / as RFC 6901 requires
        contacts#fr             | ["dev@example.com"]                            |                         |                         |          |                                                  | contacts has no language variants, so this is an unknown member
        x_vendor#?!             | "anything"                                     |                         |                         |          |                                                  | unknown members are not checked
        """)
    void judgesLanguageTags(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                            String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
