package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7591 §2.1: grant_types and response_types agree, defaults included. */
class GrantTypesMatchResponseTypesTest {

    private static final Rule RULE = new GrantTypesMatchResponseTypes();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member       | value (JSON, empty: absent)                | field           | code                    | severity | phrase                                                                     | reason
        grant_types    |                                            |                 |                         |          |                                                                            | both defaults agree
        grant_types    | ["authorization_code"]                     |                 |                         |          |                                                                            | authorization_code with the default code
        grant_types    | ["authorization_code", "refresh_token"]    |                 |                         |          |                                                                            | refresh_token needs no response type
        response_types | ["code"]                                   |                 |                         |          |                                                                            | code with the default authorization_code
        grant_types    | ["refresh_token"]                          | /grant_types    | INVALID_CLIENT_METADATA | ERROR    | grant_types must include authorization_code, because response_types includes code | code without authorization_code
        grant_types    | []                                         | /grant_types    | INVALID_CLIENT_METADATA | ERROR    | grant_types must include authorization_code                                | no grant at all
        grant_types    | ["client_credentials"]                     | /grant_types    | INVALID_CLIENT_METADATA | ERROR    | grant_types must include authorization_code                                | the default code response needs authorization_code
        response_types | []                                         | /response_types | INVALID_CLIENT_METADATA | ERROR    | response_types must include code, because grant_types includes authorization_code | authorization_code without code
        grant_types    | ["authorization_code", "implicit"]         |                 |                         |          |                                                                            | implicit is left to GrantTypesArePermitted
        response_types | ["code", "token"]                          |                 |                         |          |                                                                            | token is left to ResponseTypesArePermitted
        grant_types    | ["implicit"]                               | /grant_types    | INVALID_CLIENT_METADATA | ERROR    | grant_types must include authorization_code                                | implicit alone lacks authorization_code
        response_types | ["token"]                                  | /response_types | INVALID_CLIENT_METADATA | ERROR    | response_types must include code                                           | token alone lacks code
        grant_types    | "refresh_token"                            |                 |                         |          |                                                                            | a string is not read as grants (the type rule refuses it)
        """)
    void judgesAgreementOfGrantAndResponseTypes(String member, String value, String field, RegistrationErrorCode code,
                                                Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
