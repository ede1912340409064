package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 4: response_types holds only code, and defaults to it. */
class ResponseTypesArePermittedTest {

    private static final Rule RULE = new ResponseTypesArePermitted();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member       | value (JSON, empty: absent) | field             | code                    | severity | phrase                                  | reason
        response_types |                             |                   |                         |          |                                         | absent: code by default
        response_types | ["code"]                    |                   |                         |          |                                         | the authorization code flow
        response_types | ["token"]                   | /response_types/0 | INVALID_CLIENT_METADATA | ERROR    | response_types/0 must be code           | token (the implicit flow) is refused
        response_types | ["code", "token"]           | /response_types/1 | INVALID_CLIENT_METADATA | ERROR    | response_types/1 must be code           | the refused entry is named by its index
        response_types | ["code id_token"]           | /response_types/0 | INVALID_CLIENT_METADATA | ERROR    | only the authorization code flow        | a hybrid flow
        response_types | ["CODE"]                    | /response_types/0 | INVALID_CLIENT_METADATA | ERROR    | must be code                            | response types are case-sensitive
        response_types | []                          | /response_types   | INVALID_CLIENT_METADATA | ERROR    | response_types must list code, or be left out | an empty list
        response_types | "code"                      |                   |                         |          |                                         | a string instead of an array is left to the type rule
        """)
    void judgesResponseTypes(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                             String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
